"""An NGO puts the sign form on its own website (another origin): a supporter signs inside
the frame, confirms from the e-mail, and the count and the badge move; another registers for
an event the same way, in Polish."""
import re
import threading
import urllib.request
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import AXE, DESKTOP, Visit, check_accessibility, link_in, login, t
from tests.e2e.test_petition_journeys import CONSENT, PETITION, THANKS
from tests.e2e.test_rsvp_journeys import CONSENT as RSVP_CONSENT, confirm


class HostSite:
    """The NGO's website: one page holding what the organiser pasted, on another site
    (localhost, while the app answers at 127.0.0.1: another host, so another site)."""

    def __init__(self):
        self.html = b""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                found = self.path == "/"
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(site.html if found else b"")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://localhost:{self.server.server_address[1]}"
        self.url = self.origin + "/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, *snippets):
        self.html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<title>Friends of the prisoners</title><link rel=\"icon\" href=\"data:,\">"
                     "</head><body><main><h1>Friends of the prisoners</h1>"
                     + "".join(f"<div>{s}</div>" for s in snippets)
                     + "</main></body></html>").encode()

    def stop(self):
        self.server.shutdown()


class HostVisit(Visit):
    """A tab that may also load the NGO's website (every other host still fails the test)."""

    def __init__(self, browser, server, host):
        self.host = urlsplit(host.origin).netloc
        super().__init__(browser, server, DESKTOP)

    def _guard(self, route):
        if urlsplit(route.request.url).netloc == self.host:
            route.continue_()
        else:
            super()._guard(route)


@pytest.fixture
def host_site():
    site = HostSite()
    yield site
    site.stop()


def badge_count(server) -> int:
    with urllib.request.urlopen(f"{server.url}/en/petitions/{PETITION}/badge.svg") as answer:
        texts = [e.text for e in ET.fromstring(answer.read()).iter("{http://www.w3.org/2000/svg}text")]
    return int(re.sub(r"\D", "", texts[1].split(" of ")[0]))


def check_frame_accessibility(frame):
    """axe-core inside the embed frame (the frame is our page; the host page is the test's)."""
    frame.evaluate(AXE.read_text())
    result = frame.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], f"accessibility violations in the frame {frame.url}: {bad}"


def test_a_supporter_signs_inside_an_ngo_website(browser, visit, live_server, mailbox,
                                                 host_site):
    owner = visit()
    login(owner, live_server)
    check_accessibility(owner)
    owner.get_by_role("region").filter(has_text="Kazakhstan").get_by_role(
        "link", name="Embeds").click()
    owner.wait_for_url(re.compile(r"/organiser/embeds/campaign/\d+$"))
    check_accessibility(owner)
    assert owner.get_by_text("No website may show the forms yet").count() == 1
    article = owner.locator("article").filter(has_text="Kazakhstan").first
    iframe = article.get_by_label("Sign form (HTML)").input_value()
    badge = article.get_by_label("Counter badge (HTML)").input_value()
    script = owner.get_by_label("Auto-resize script").input_value()
    assert f"{live_server.url}/en/petitions/{PETITION}/embed" in iframe
    host_site.publish(iframe, badge, script)
    before = badge_count(live_server)
    tab = HostVisit(browser, live_server, host_site)
    try:
        page = tab.page
        page.goto(host_site.url)
        tab.checked.add(host_site.url)  # the NGO's page is the test's, not the app's
        # Not allowed yet: the browser refuses to show the form in the NGO's page.
        page.wait_for_load_state("load")
        assert page.frame_locator("iframe").get_by_role("button").count() == 0
        assert not any("/embed" in f.url for f in page.frames[1:] if f.url.startswith("http://127"))
        tab.broken = [m for m in tab.broken if "frame-ancestors" not in m]

        owner.get_by_label("Websites that may show the forms (one per line)").fill(
            host_site.origin)
        owner.get_by_role("button", name="Save").click()
        owner.get_by_text("The list of websites is saved.").wait_for()
        check_accessibility(owner)
        page.reload()
        frame = page.frame_locator("iframe")
        frame.get_by_role("heading", name=t("en", "Sign the petition")).wait_for()
        embed = next(f for f in page.frames if "/embed" in f.url)
        check_frame_accessibility(embed)
        # The optional script fitted the frame to its form (the snippet says 780 px).
        page.wait_for_function("document.querySelector('iframe').offsetHeight > 900")
        assert page.evaluate("document.querySelector('main img').naturalWidth") > 0, \
            "the badge shows on the NGO's page"
        shown = int(re.sub(r"\D", "", frame.locator(".petition-progress .count").inner_text()))
        assert shown == before

        email = "framed-signer@example.org"
        frame.get_by_label(t("en", "Your name"), exact=True).fill("Nadia Framed")
        frame.get_by_label(t("en", "E-mail address"), exact=True).fill(email)
        frame.get_by_label(t("en", "Country"), exact=True).select_option("PL")
        frame.get_by_label(t("en", CONSENT), exact=True).check()
        frame.get_by_role("button", name=t("en", "Sign"), exact=True).click()
        frame.get_by_role("heading", name=t("en", "Almost done: check your e-mail")).wait_for()
        assert page.url == host_site.url, "the answer shows inside the frame"
        check_frame_accessibility(next(f for f in page.frames if "/embed/sent" in f.url))
        assert badge_count(live_server) == before, "a signature counts once confirmed"

        confirming = visit()
        confirming.goto(link_in(mailbox.wait(email), rf"^/en/petitions/{PETITION}/verify/"))
        check_accessibility(confirming)
        confirming.get_by_role("button", name=t("en", "Confirm my signature")).click()
        confirming.get_by_role("heading", name=t("en", THANKS)).wait_for()
        check_accessibility(confirming)

        assert badge_count(live_server) == before + 1
        page.reload()
        frame.get_by_role("heading", name=t("en", "Sign the petition")).wait_for()
        counted = frame.locator(".petition-progress .count").inner_text()
        assert int(re.sub(r"\D", "", counted)) == before + 1
    finally:
        tab.close()


def test_a_supporter_registers_for_an_event_inside_an_ngo_website_in_polish(
        browser, visit, live_server, mailbox, host_site):
    owner = visit()
    login(owner, live_server)
    check_accessibility(owner)
    owner.get_by_role("region").filter(has_text="Kazakhstan").get_by_role(
        "link", name="Embeds").click()
    owner.wait_for_url(re.compile(r"/organiser/embeds/campaign/\d+$"))
    check_accessibility(owner)
    owner.get_by_role("combobox", name="Language", exact=True).select_option("pl")
    owner.get_by_role("button", name="Show", exact=True).click()
    owner.wait_for_url(re.compile(r"\?lang=pl$"))
    check_accessibility(owner)
    article = owner.locator("article").filter(has_text="protest w Brukseli").first
    iframe = article.get_by_label("Registration form (HTML)").input_value()
    assert f"{live_server.url}/pl/events/brussels-protest/embed" in iframe
    owner.get_by_label("Websites that may show the forms (one per line)").fill(host_site.origin)
    owner.get_by_role("button", name="Save").click()
    owner.get_by_text("The list of websites is saved.").wait_for()
    check_accessibility(owner)
    host_site.publish(iframe)

    tab = HostVisit(browser, live_server, host_site)
    try:
        page = tab.page
        page.goto(host_site.url)
        tab.checked.add(host_site.url)  # the NGO's page is the test's, not the app's
        frame = page.frame_locator("iframe")
        frame.get_by_role("heading", name=t("pl", "I will come")).wait_for()
        check_frame_accessibility(next(f for f in page.frames if "/embed" in f.url))
        email = "framed-rsvp@example.org"
        frame.get_by_label(t("pl", "Your name"), exact=True).fill("Wisława Ramka")
        frame.get_by_label(t("pl", "E-mail"), exact=True).fill(email)
        frame.get_by_label(t("pl", RSVP_CONSENT), exact=True).check()
        frame.get_by_role("button", name=t("pl", "Register"), exact=True).click()
        frame.get_by_role("heading", name=t("pl", "Check your e-mail")).wait_for()
        assert page.url == host_site.url, "the answer shows inside the frame"
        check_frame_accessibility(next(f for f in page.frames if "/embed/sent" in f.url))
    finally:
        tab.close()
    confirming = visit()
    confirm(confirming, mailbox, "pl", email)
