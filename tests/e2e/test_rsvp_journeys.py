"""Supporters register for an event, manage their place from the e-mail, and cancel."""
import re

import pytest

from tests.e2e.conftest import (check_accessibility, complete_with_keyboard,
                                link_in, screenshot, t, text_of)

LANGUAGES = ("en", "ru", "pl")
NAMES = {"en": "Ada Lovelace", "ru": "Анна Ахматова", "pl": "Wisława Szymborska"}
CONSENT = ("I agree that the organisers use my name and e-mail address to run this event "
           "(confirmation, changes, reminders) and for nothing else.")
EVENT = "brussels-protest"


def register(page, lang, name, email, guests=None):
    """Fill in the RSVP form with the mouse, as most people do, and send it."""
    page.get_by_label(t(lang, "Your name"), exact=True).fill(name)
    page.get_by_label(t(lang, "E-mail"), exact=True).fill(email)
    if guests is not None:
        page.get_by_label(t(lang, "Guests you bring"), exact=True).fill(str(guests))
    page.get_by_label(t(lang, CONSENT), exact=True).check()
    page.get_by_role("button", name=t(lang, "Register"), exact=True).click()
    page.wait_for_url(re.compile(r"/events/[\w-]+/thanks(#rsvp)?$"))
    check_accessibility(page)


def confirm(page, mailbox, lang, email, title=None):
    """Open the link in the first e-mail and press its one button, as the person would;
    returns the confirmation e-mail that follows."""
    request = mailbox.wait(email)
    if title:
        assert request["Subject"] == t(lang, "Registration for %(title)s", title=title)
    page.goto(link_in(request, rf"^/{lang}/events/[\w-]+/confirm/"))
    check_accessibility(page)
    page.get_by_role("button", name=t(lang, "Confirm my registration")).click()
    page.get_by_text(t(lang, "Your registration is confirmed.")).wait_for()
    check_accessibility(page)  # the manage page the button leads to
    return mailbox.wait(email, count=2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_supporter_registers_adds_a_guest_and_cancels(visit, live_server, mailbox, lang):
    page = visit()
    page.goto(f"{live_server.url}/{lang}/")
    check_accessibility(page)
    page.locator(".card h2 a").first.click()
    page.wait_for_url(re.compile(rf"/{lang}/campaigns/"))
    check_accessibility(page)
    page.locator(".events .card a").first.click()
    page.wait_for_url(re.compile(rf"/{lang}/events/{EVENT}$"))
    check_accessibility(page)
    title = page.get_by_role("heading", level=1).inner_text()

    email = f"journey-{lang}@example.org"
    register(page, lang, NAMES[lang], email)
    assert title in page.locator("main").inner_text()

    confirmation = confirm(page, mailbox, lang, email, title)
    assert confirmation["Subject"] == t(lang, "Your registration: %(title)s", title=title)
    assert NAMES[lang] in text_of(confirmation)
    page.goto(link_in(confirmation, rf"^/{lang}/rsvp/"))
    check_accessibility(page)
    assert page.get_by_text(NAMES[lang]).is_visible()

    page.get_by_label(t(lang, "Guests you bring"), exact=True).fill("1")
    page.get_by_role("button", name=t(lang, "Save")).click()
    page.get_by_text(t(lang, "Your registration has been updated.")).wait_for()
    check_accessibility(page)
    assert page.get_by_label(t(lang, "Guests you bring"), exact=True).input_value() == "1"

    page.get_by_role("button", name=t(lang, "Cancel my registration")).click()
    page.get_by_text(t(lang, "You have cancelled your registration."), exact=True).wait_for()
    check_accessibility(page)
    cancelled = mailbox.wait(email, count=3)
    assert cancelled["Subject"] == t(lang, "Registration cancelled: %(title)s", title=title)


def test_a_visitor_without_javascript_registers(visit, live_server, mailbox):
    page = visit(java_script_enabled=False)
    page.goto(f"{live_server.url}/pl/events/{EVENT}")
    check_accessibility(page)
    page.get_by_role("button", name=t("pl", "Register"), exact=True).click()
    page.get_by_text(t("pl", "Enter your name.")).wait_for()
    check_accessibility(page)
    assert page.get_by_label(t("pl", "Your name"), exact=True).get_attribute("aria-invalid")
    register(page, "pl", "Jan Kowalski", "nojs-rsvp@example.org", guests=2)
    confirmed = confirm(page, mailbox, "pl", "nojs-rsvp@example.org")
    assert "/rsvp/" in link_in(confirmed, r"/pl/rsvp/")


def test_the_rsvp_form_works_with_the_keyboard_alone(visit, live_server, mailbox):
    page = visit()
    page.goto(f"{live_server.url}/en/events/{EVENT}")
    check_accessibility(page)
    complete_with_keyboard(page, [
        ("#name", "Keyboard User"), ("#email", "keyboard-rsvp@example.org"), ("#guests", "2"),
        ("#consent", "Space"), ("#updates", None), ("#rsvp button[type=submit]", "Enter")])
    page.wait_for_url(re.compile(r"/thanks(#rsvp)?$"))
    check_accessibility(page)
    assert "/confirm/" in text_of(mailbox.wait("keyboard-rsvp@example.org"))
    assert "You have 3 places at" in text_of(confirm(page, mailbox, "en",
                                                     "keyboard-rsvp@example.org"))
