"""In the browser, after acting and while filling a form (issue 19): the thanks and manage
pages say what happened and what next, a mistyped mail domain is pointed out, a long text
gets a counter instead of being cut, and an event's time is also shown in the visitor's own
zone (only with JavaScript, only when it differs)."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, check_accessibility, link_in, screenshot, t
from tests.e2e.test_rsvp_journeys import CONSENT, EVENT, NAMES, confirm, register

PETITION = "stop-torture-kazakhstan"


@pytest.mark.screenshots
@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_after_registering_the_pages_say_what_next(visit, live_server, mailbox, lang):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}/events/{EVENT}")
    check_accessibility(page)
    email = f"after-{lang}@example.org"
    register(page, lang, NAMES[lang], email)
    main = page.locator("main")
    assert email not in main.inner_text()  # "the address you gave", never the address
    invite = page.get_by_role("link", name=t(lang, "Invite a friend by e-mail"))
    assert invite.get_attribute("href").startswith("mailto:?subject=")
    assert page.locator('main a[href^="https://t.me/share/url?"]').count() == 1

    # Pressed at once: it was just sent, and the page says when to ask again.
    page.get_by_role("button", name=t(lang, "Send the e-mail again")).click()
    page.locator(".flash-error").wait_for()
    check_accessibility(page)
    assert re.search(r"\b10\b", page.locator(".flash-error").inner_text())
    screenshot(page, f"rsvp-check-mail-{lang}-phone")

    confirm(page, mailbox, lang, email)  # ends on the manage page
    for name in ("Calendar file (.ics)", "Google Calendar", "Outlook.com"):
        expect(page.get_by_role("link", name=t(lang, name))).to_be_visible()
    ics = page.get_by_role("link", name=t(lang, "Calendar file (.ics)")).get_attribute("href")
    assert page.request.get(live_server.url + ics).text().startswith("BEGIN:VCALENDAR")
    expect(page.get_by_role("link", name=t(lang, "Invite a friend by e-mail"))).to_be_visible()
    screenshot(page, f"rsvp-confirmed-{lang}-phone")


def test_a_signer_is_thanked_with_share_and_invite_links(visit, live_server, mailbox):
    page = visit()
    page.goto(f"{live_server.url}/en/petitions/{PETITION}")
    check_accessibility(page)
    page.get_by_label("Your name", exact=True).fill("Share Person")
    page.get_by_label("E-mail address", exact=True).fill("share-signer@example.org")
    page.get_by_label("Country", exact=True).select_option("PL")
    page.get_by_label(re.compile("^I agree that my name")).check()
    page.get_by_role("button", name="Sign", exact=True).click()
    page.wait_for_url(re.compile(r"/check-email$"))
    check_accessibility(page)
    expect(page.get_by_role("button", name="Send the e-mail again")).to_be_visible()
    page.goto(link_in(mailbox.wait("share-signer@example.org"), r"/verify/"))
    check_accessibility(page)
    page.get_by_role("button", name="Confirm my signature").click()
    page.get_by_role("heading", name="Thank you: your signature counts").wait_for()
    check_accessibility(page)
    expect(page.get_by_role("link", name="Invite a friend by e-mail")).to_be_visible()
    expect(page.locator('main a[href^="https://x.com/intent/post?"]')).to_have_count(1)


def test_a_mistyped_mail_domain_is_pointed_out_as_one_types(visit, live_server):
    page = visit()
    page.goto(f"{live_server.url}/ru/events/{EVENT}")
    check_accessibility(page)
    email = page.get_by_label(t("ru", "E-mail"), exact=True)
    email.fill("typo-js@gmial.com")
    email.press("Tab")
    hint = page.locator("#email-typo")
    expect(hint).to_contain_text(t("ru", "Did you mean %(address)s?",
                                   address="typo-js@gmail.com"))
    check_accessibility(page)
    page.get_by_role("button", name=t("ru", "Use %(address)s", address="typo-js@gmail.com")).click()
    expect(email).to_have_value("typo-js@gmail.com")
    expect(hint).to_have_count(0)


def test_without_javascript_the_server_asks_once_and_keeps_the_address(visit, live_server):
    page = visit(java_script_enabled=False)
    page.goto(f"{live_server.url}/pl/events/{EVENT}")
    check_accessibility(page)
    page.get_by_label(t("pl", "Your name"), exact=True).fill("Jan Literówka")
    page.get_by_label(t("pl", "E-mail"), exact=True).fill("literowka@wp.pll")
    page.get_by_label(t("pl", CONSENT), exact=True).check()
    page.get_by_role("button", name=t("pl", "Register"), exact=True).click()
    page.locator("#email-typo").wait_for()
    check_accessibility(page)
    assert "literowka@wp.pl" in page.locator("#email-typo").inner_text()
    expect(page.get_by_label(t("pl", "E-mail"), exact=True)).to_have_value("literowka@wp.pll")
    expect(page.get_by_label(t("pl", "Your name"), exact=True)).to_have_value("Jan Literówka")
    page.get_by_role("button", name=t("pl", "Register"), exact=True).click()
    page.wait_for_url(re.compile(r"/thanks(#rsvp)?$"))
    check_accessibility(page)


def test_a_long_text_gets_a_counter_and_is_never_cut(visit, live_server):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/en/petitions/{PETITION}")
    check_accessibility(page)
    comment = page.get_by_label("Comment (optional)", exact=True)
    comment.fill("x" * 950)
    counter = page.locator("#comment-count")
    expect(counter).to_have_text("Characters left: 50")
    long = "y" * 1010
    comment.fill(long)
    expect(counter).to_have_text("Characters over the limit: 10")
    assert comment.input_value() == long  # nothing cut
    check_accessibility(page)
    page.get_by_label("Your name", exact=True).fill("Long Writer")
    page.get_by_label("E-mail address", exact=True).fill("long-writer@example.org")
    page.get_by_label("Country", exact=True).select_option("PL")
    page.get_by_label(re.compile("^I agree that my name")).check()
    page.get_by_role("button", name="Sign", exact=True).click()
    page.get_by_text("Comment is too long: at most 1000 characters (you typed 1010).").wait_for()
    check_accessibility(page)
    assert page.get_by_label("Comment (optional)", exact=True).input_value() == long


def _your_time(page) -> list[str]:
    page.wait_for_load_state()
    return page.locator(".event-summary .your-time").all_inner_texts()


def test_the_visitors_own_time_is_shown_beside_the_events(visit, live_server):
    page = visit(timezone_id="Asia/Almaty")
    page.goto(f"{live_server.url}/en/events/{EVENT}")
    check_accessibility(page)
    node = page.locator(".event-summary time")
    start = dt.datetime.fromisoformat(node.get_attribute("datetime"))
    end = dt.datetime.fromisoformat(node.get_attribute("data-end"))
    almaty = ZoneInfo("Asia/Almaty")
    expected = f"{start.astimezone(almaty):%H:%M}–{end.astimezone(almaty):%H:%M} your time)"
    shown = _your_time(page)
    assert len(shown) == 1 and shown[0].endswith(expected), shown

    page.goto(f"{live_server.url}/ru/events/{EVENT}")
    check_accessibility(page)
    assert t("ru", "(%(time)s your time)", time="")[-8:] in _your_time(page)[0]

    same = visit(timezone_id="Europe/Brussels")
    same.goto(f"{live_server.url}/en/events/{EVENT}")
    check_accessibility(same)
    assert _your_time(same) == []
    plain = visit(java_script_enabled=False, timezone_id="Asia/Almaty")
    plain.goto(f"{live_server.url}/en/events/{EVENT}")
    check_accessibility(plain)
    assert plain.locator(".your-time").count() == 0
    assert re.search(r"\d\d:\d\d–\d\d:\d\d CES?T", plain.locator(".event-summary").inner_text())


def test_the_script_suggests_what_the_server_suggests(visit, live_server):
    from campaign.core.typos import suggest_address

    page = visit()
    page.goto(f"{live_server.url}/en/events/{EVENT}")
    check_accessibility(page)
    email = page.get_by_label("E-mail", exact=True)
    for domain in ("gmial.com", "gmail.co", "yaho.com", "hotmial.com", "outlok.com", "mial.ru",
                   "yandex.ry", "wp.pll", "02.pl", "onte.pl", "interia.p", "gmaill.con",
                   "gmail.com", "wp.pl", "op.pl", "uw.edu.pl", "ap.pl", "mail.com"):
        email.fill(f"parity@{domain}")
        email.press("Tab")
        expected = suggest_address(f"parity@{domain}")
        hint = page.locator("#email-typo")
        if expected:
            expect(hint).to_contain_text(f"Did you mean {expected}?")
        else:
            expect(hint).to_have_count(0)
