"""Browser journeys: the real app under gunicorn, Debian's Chromium driven by Playwright.

The app runs in its own processes (gunicorn and the mail worker) on a fresh SQLite database
with the demo campaign; its mail goes to an aiosmtpd server in the test process (``mailbox``).
Every page a tab shows must be checked with axe-core (``check_accessibility``) before the tab
closes, and any request to a host other than the app's own fails the test.

All browser tests share one app and one browser, so tests/conftest.py sends them to a single
pytest-xdist worker (``xdist_group``); each test uses addresses and events of its own.
"""
import json
import os
import re
import time
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench.server import AppServer
from tests.smtp import SMTPServer

ROOT = Path(__file__).resolve().parents[2]
#: The tools the journeys need; each path can be pointed elsewhere (or at nothing, to see the
#: skip) with its environment variable.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("AXE_CORE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
#: make screenshots writes to docs/screenshots; plain test runs keep theirs in build/.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "screenshots"))
REQUIRE_E2E = os.environ.get("CAMPAIGN_REQUIRE_E2E") == "1"
#: Flags that keep Chromium from calling out to Google's services.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--disable-features=Translate,OptimizationHints,MediaRouter"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _skip(reason):
    if REQUIRE_E2E:
        pytest.fail(reason + " (CAMPAIGN_REQUIRE_E2E=1)")
    pytest.skip(reason)


def missing_tools() -> str | None:
    """Why the journeys cannot run here (Chromium, Playwright or axe-core missing), or None."""
    if not Path(CHROMIUM).exists():
        return f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if not AXE.exists():
        return f"axe-core is not installed at {AXE} (npm ci)"
    return None


@pytest.fixture(scope="session")
def browser_tools():
    """Skip every journey, with the reason, before anything starts when a tool is missing
    (or fail them, with CAMPAIGN_REQUIRE_E2E=1 as CI sets): a journey that found out halfway,
    at its first accessibility check, would leave pages unchecked and error in teardown."""
    reason = missing_tools()
    if reason:
        _skip(reason)


def start_live_server(workdir: Path, smtp: SMTPServer) -> AppServer:
    """gunicorn and the mail worker on a fresh SQLite database holding the demo campaign."""
    server = AppServer(workdir, {
        "CAMPAIGN_SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/e2e.sqlite",
        "CAMPAIGN_SECRET_KEY": "e2e-secret", "CAMPAIGN_RATELIMIT_ENABLED": "false",
        "CAMPAIGN_MAIL_SERVER": "127.0.0.1", "CAMPAIGN_MAIL_PORT": str(smtp.port),
        "CAMPAIGN_MAIL_TIMEOUT": "5",
        # Scheduled work (bulk messages, reminders) is picked up within a second.
        "CAMPAIGN_SCHEDULING_INTERVAL": "1",
        # Each signature shows at once (production keeps counts for 15 s per process).
        "CAMPAIGN_PETITION_COUNT_CACHE_SECONDS": "0",
        # Webhook journeys deliver to a receiver in the test process, on 127.0.0.1.
        "CAMPAIGN_WEBHOOKS_ALLOW_PRIVATE": "true"})
    server.flask("db", "upgrade")
    output = server.flask("campaign", "demo")
    server.organiser_password = output.split("organiser@example.org / ")[1].split()[0]
    return server.start(worker=True, worker_args=("--interval", "0.2"))


@pytest.fixture(scope="session")
def smtp():
    """The SMTP server the live app's worker delivers to."""
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_server(browser_tools, tmp_path_factory, smtp):
    server = start_live_server(tmp_path_factory.mktemp("e2e"), smtp)
    yield server
    server.stop()


class Mailbox:
    """What arrived at the SMTP server, read the way a recipient does."""

    def __init__(self, smtp: SMTPServer):
        self.smtp = smtp

    def to(self, address: str) -> list:
        return [m for m in self.smtp.messages
                if address.lower() in {a.lower() for _, a in getaddresses([m["To"]])}]

    def wait(self, address: str, count: int = 1, timeout: float = 20.0):
        """The *count*-th message to *address*, once the worker has delivered it."""
        deadline = time.monotonic() + timeout
        while True:
            arrived = self.to(address)
            if len(arrived) >= count:
                return arrived[count - 1]
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{count} message(s) to {address} expected within {timeout} s, "
                    f"{len(arrived)} arrived: {[m['Subject'] for m in arrived]}")
            time.sleep(0.1)


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def link_in(message, pattern: str) -> str:
    """The first link in the text body whose path matches *pattern*."""
    for url in re.findall(r"https?://\S+", text_of(message)):
        if re.search(pattern, urlsplit(url).path):
            return url
    raise AssertionError(f"no link matching {pattern!r} in:\n{text_of(message)}")


@pytest.fixture
def mailbox(smtp, live_server):
    return Mailbox(smtp)


@pytest.fixture(scope="session")
def browser(browser_tools):
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: page -> its Visit, for check_accessibility.
_TABS = {}


def _page_address(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


class Visit:
    """A browser tab that records any request leaving the app's host and every page it shows."""

    def __init__(self, browser, server, viewport, java_script_enabled=True, timezone_id=None):
        self.browser, self.server, self.viewport = browser, server, viewport
        self.timezone_id = timezone_id
        self.java_script_enabled = java_script_enabled
        self.foreign = []
        self.context = self._new_context(java_script_enabled)
        self.page = self.context.new_page()
        self.shown, self.checked, self.broken = [], set(), []
        self.page.on("framenavigated", self._shown)
        self.page.on("response", self._response)
        self.page.on("console", self._console)
        self._checker = None
        _TABS[self.page] = self

    def _new_context(self, java_script_enabled):
        options = {"timezone_id": self.timezone_id} if self.timezone_id else {}
        context = self.browser.new_context(viewport=self.viewport, locale="en-GB",
                                           java_script_enabled=java_script_enabled, **options)
        context.set_default_timeout(15_000)
        context.route("**/*", self._guard)
        return context

    def _shown(self, frame):
        if frame == self.page.main_frame and frame.url.startswith("http"):
            self.shown.append(_page_address(frame.url))

    def _response(self, response):
        """Stylesheets, scripts and icons that fail (pages may answer 4xx on purpose)."""
        if response.status >= 400 and response.request.resource_type != "document":
            self.broken.append(f"{response.status} {response.url}")

    def _console(self, message):
        """Script errors, and what the browser fetches on its own (the icon) failing."""
        if message.type == "error":
            self.broken.append(f"{message.text} ({self.page.url})")

    def _guard(self, route):
        url = route.request.url
        if urlsplit(url).netloc == urlsplit(self.server.url).netloc or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def page_to_audit(self):
        """The page itself, or, without JavaScript, the same HTML at the same address in a tab
        that runs scripts (axe-core is a script)."""
        if self.java_script_enabled:
            return self.page
        if self._checker is None:
            self._checker = self._new_context(True).new_page()
        html, url = self.page.content(), _page_address(self.page.url)
        self._checker.route(url, lambda route: route.fulfill(
            body=html, content_type="text/html; charset=utf-8"))
        self._checker.goto(url)
        self._checker.unroute(url)
        return self._checker

    def close(self):
        if self._checker:
            self._checker.context.close()
        self.context.close()
        _TABS.pop(self.page, None)
        assert self.foreign == [], f"pages requested other hosts: {self.foreign}"
        assert self.broken == [], f"pages asked for things that failed: {self.broken}"
        unchecked = sorted(set(self.shown) - self.checked)
        assert unchecked == [], f"pages shown without an accessibility check: {unchecked}"


@pytest.fixture
def visit(browser, live_server):
    """``visit(viewport=PHONE)`` opens a fresh tab (``timezone_id="Asia/Almaty"``: the
    browser's own zone); checked for third-party requests after."""
    opened = []

    def open_tab(viewport=DESKTOP, java_script_enabled=True, timezone_id=None):
        tab = Visit(browser, live_server, viewport, java_script_enabled, timezone_id)
        opened.append(tab)
        return tab.page

    yield open_tab
    for tab in opened:
        tab.close()


def check_accessibility(page):
    """Run axe-core on the page; no serious or critical violations allowed."""
    assert AXE.exists(), f"axe-core is not installed at {AXE} (browser_tools checks it first)"
    page.wait_for_load_state()
    tab = _TABS.get(page)
    audited = tab.page_to_audit() if tab else page
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    audited.evaluate(AXE.read_text())
    result = audited.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], f"accessibility violations on {page.url}:\n{json.dumps(bad, indent=1)}"
    if tab:
        tab.checked.add(_page_address(page.url))


def screenshot(page, name: str):
    """Save a full-page screenshot into docs/screenshots/ (``make screenshots``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)



def t(lang: str, message: str, **values) -> str:
    """*message* as the app shows it in *lang* (its own catalogs), for finding things by label."""
    from babel.support import Translations

    text = Translations.load(str(ROOT / "campaign" / "translations"), [lang]).gettext(message)
    return text % values if values else text


def login(page, server, lang=None):
    """Log the demo organiser in (in *lang*, chosen with the language switcher)."""
    page.goto(f"{server.url}/organiser/login")
    if lang:
        page.locator(f'nav.languages a[hreflang="{lang}"]').click()
        from playwright.sync_api import expect

        # Retries through the navigation (the document may be between pages when first asked).
        expect(page.locator("html")).to_have_attribute("lang", lang)
    lang = lang or "en"
    page.get_by_label(t(lang, "E-mail"), exact=True).fill("organiser@example.org")
    page.get_by_label(t(lang, "Password"), exact=True).fill(server.organiser_password)
    check_accessibility(page)
    page.get_by_role("button", name=t(lang, "Log in")).click()
    page.wait_for_url(re.compile(r"/organiser/$"))


def _focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector)


def _tab_to(page, selector: str, limit: int = 60):
    """Press Tab from the top of the page until *selector* has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_matches(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def _expect_tab(page, selector: str):
    """The next Tab moves the focus to *selector* (the form's order is the reading order)."""
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert _focused_matches(page, selector), f"Tab went to {focused}, not {selector}"


def complete_with_keyboard(page, steps, from_top=True):
    """Tab to the first field of *steps* (from the top of the page), then through the others.

    Each step is (selector the focus must be on, keys): text to type, "Space", "Enter", or
    None to move on. The order of the steps is the order Tab must follow; with
    ``from_top=False`` the first step, too, must be the next one.
    """
    for number, (selector, keys) in enumerate(steps):
        (_tab_to if from_top and not number else _expect_tab)(page, selector)
        if keys in ("Space", "Enter"):
            page.keyboard.press(keys)
        elif keys:
            page.keyboard.type(keys)
