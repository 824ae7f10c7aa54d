"""Organisers create an event, watch RSVPs arrive, check people in at the door, export the list."""
import csv
import datetime as dt
import io
import re

import pytest

from tests.e2e.conftest import (DESKTOP, PHONE, check_accessibility, link_in, login, screenshot,
                                t, text_of)
from tests.e2e.test_rsvp_journeys import confirm, register

CAMPAIGN = "stop-torture-kazakhstan"


@pytest.mark.parametrize("lang", ("en", "ru", "pl"))
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.screenshots
def test_the_dashboard_in_each_language(visit, live_server, lang, viewport):
    page = visit(viewport={"desktop": DESKTOP, "phone": PHONE}[viewport])
    login(page, live_server, lang)
    check_accessibility(page)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.get_by_role("heading", name=t(lang, "Dashboard"), level=1).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"dashboard-{lang}-{viewport}")


def test_an_organiser_is_told_what_to_fix_in_the_campaign(visit, live_server):
    page = visit()
    login(page, live_server)
    check_accessibility(page)
    page.get_by_role("link", name="Manage").first.click()
    page.wait_for_url(re.compile(r"/organiser/campaigns/\d+$"))
    check_accessibility(page)
    page.get_by_label("Contact person", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    page.locator("#contact_name-error").wait_for()
    check_accessibility(page)
    assert page.get_by_label("Contact person", exact=True).get_attribute("aria-invalid") == "true"


def create_event(page, server, slug, titles, capacity, max_guests=0):
    """Create and publish an event through the organiser pages; return its admin address."""
    login(page, server)
    check_accessibility(page)
    page.locator("section.campaign-card").filter(has_text="Kazakhstan").get_by_role(
        "link", name="Events").click()
    page.wait_for_url(re.compile(r"/organiser/events/campaign/\d+$"))
    check_accessibility(page)
    page.get_by_role("link", name="New event").click()
    page.wait_for_url(re.compile(r"/new$"))
    check_accessibility(page)
    day = dt.date.today() + dt.timedelta(days=20)
    page.get_by_label("Address name (slug)", exact=True).fill(slug)
    page.get_by_label("Starts", exact=True).fill(f"{day}T18:00")
    page.get_by_label("Ends", exact=True).fill(f"{day}T20:00")
    page.get_by_label("Street address (one line each)", exact=True).fill("Rue de la Loi 42")
    page.get_by_label("City", exact=True).fill("Brussels")
    page.get_by_label("Capacity (seats; empty for no limit)", exact=True).fill(str(capacity))
    page.get_by_label("Guests one person may bring", exact=True).fill(str(max_guests))
    for lang, title in titles.items():
        section = page.locator(f"fieldset.language-section[lang={lang}]")
        section.get_by_label("Title", exact=True).fill(title)
        section.get_by_label("Description (Markdown)", exact=True).fill(f"*{title}*: letters to prisoners.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/organiser/events/\d+$"))
    check_accessibility(page)
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Unpublish").wait_for()
    check_accessibility(page)
    return page.url


def test_an_organiser_creates_an_event_and_runs_the_door(visit, live_server, mailbox):
    titles = {"en": "Evening of letters", "pl": "Wieczór listów"}
    organiser = visit()
    create_event(organiser, live_server, "evening-of-letters", titles, capacity=10, max_guests=1)

    supporter = visit(viewport=PHONE)
    for lang, name in (("en", "Rosa Parks"), ("pl", "Irena Sendler")):
        supporter.goto(f"{live_server.url}/{lang}/events/evening-of-letters")
        check_accessibility(supporter)
        assert supporter.get_by_role("heading", level=1).inner_text() == titles[lang]
        register(supporter, lang, name, f"door-{lang}@example.org", guests=1 if lang == "pl" else 0)
        confirm(supporter, mailbox, lang, f"door-{lang}@example.org")
    supporter.goto(f"{live_server.url}/ru/events/evening-of-letters")
    check_accessibility(supporter)
    assert supporter.get_by_role("heading", level=1).inner_text() == titles["en"], \
        "a language without a text falls back to the campaign's"
    assert mailbox.wait("door-pl@example.org", count=2)["Subject"] == t(
        "pl", "Your registration: %(title)s", title=titles["pl"])

    organiser.get_by_role("link", name="Attendees").click()
    organiser.wait_for_url(re.compile(r"/attendees$"))
    check_accessibility(organiser)
    assert organiser.locator(".attendee").filter(has_text="Rosa Parks").is_visible()
    assert organiser.locator(".attendee").filter(has_text="Irena Sendler + 1").is_visible()

    organiser.set_viewport_size(PHONE)
    assert organiser.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    arrived = organiser.locator(".attendee").filter(has_text="Irena Sendler")
    arrived.get_by_role("button", name="Check in").click()
    arrived.get_by_role("button", name="✓ Checked in").wait_for()
    assert organiser.locator('[data-total="checked_in"]').inner_text() == "1"
    organiser.reload()
    check_accessibility(organiser)
    assert arrived.get_by_role("button").first.get_attribute("aria-pressed") == "true"

    organiser.set_viewport_size(DESKTOP)
    with organiser.expect_download() as download:
        organiser.get_by_role("link", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(
        download.value.path().read_text(encoding="utf-8-sig"))))
    by_name = {row["Name"]: row for row in rows}
    assert set(by_name) == {"Rosa Parks", "Irena Sendler"}
    assert by_name["Irena Sendler"]["Seats"] == "2"
    assert by_name["Irena Sendler"]["Checked in"] != ""
    assert by_name["Rosa Parks"]["Checked in"] == ""
    assert by_name["Irena Sendler"]["Language"] == "pl"
    assert {row["Status"] for row in rows} == {"Confirmed"}


def test_a_waitlisted_supporter_gets_the_free_place(visit, live_server, mailbox):
    organiser = visit()
    create_event(organiser, live_server, "one-seat-vigil", {"en": "One-seat vigil"}, capacity=1)
    first, second = visit(), visit(viewport=PHONE)
    for page, name, email in ((first, "First Comer", "first-vigil@example.org"),
                              (second, "Second Comer", "second-vigil@example.org")):
        page.goto(f"{live_server.url}/en/events/one-seat-vigil")
        check_accessibility(page)
        register(page, "en", name, email)
        confirm(page, mailbox, "en", email)

    waiting = mailbox.wait("second-vigil@example.org", count=2)
    assert "you are on the waiting list" in text_of(waiting)
    second.goto(link_in(waiting, r"^/en/rsvp/"))
    check_accessibility(second)
    assert second.get_by_text("You are on the waiting list, at position 1.").is_visible()

    first.goto(link_in(mailbox.wait("first-vigil@example.org", count=2), r"^/en/rsvp/"))
    check_accessibility(first)
    first.get_by_role("button", name="Cancel my registration").click()
    first.get_by_text("You have cancelled your registration.", exact=True).wait_for()
    check_accessibility(first)

    promoted = mailbox.wait("second-vigil@example.org", count=3)
    assert promoted["Subject"] == "A place is free for you: One-seat vigil"
    second.goto(link_in(promoted, r"^/en/rsvp/"))
    check_accessibility(second)
    assert second.get_by_text("You have a place.").is_visible()
