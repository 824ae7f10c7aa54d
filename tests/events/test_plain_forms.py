"""The event form in plain words: an address made from the title, reminders as ticks, common
zones first, and a copy of an event to start the next one from."""
import re

import pytest

from campaign.core.slugs import slugify
from campaign.events.models import Event
from campaign.extensions import db
from tests.events.helpers import rsvp
from tests.events.test_admin import event_form
from tests.factories import page_text


@pytest.mark.parametrize("title, slug", [
    ("Protest in Brussels!", "protest-in-brussels"),
    ("Пикет у посольства Казахстана", "piket-u-posolstva-kazakhstana"),
    ("Żółta łódź — Kraków 2026", "zolta-lodz-krakow-2026"),
    ("!!!", ""),
])
def test_titles_become_addresses(title, slug):
    assert slugify(title) == slug


def events():
    return list(db.session.scalars(db.select(Event).order_by(Event.id)))


def test_an_empty_address_is_made_from_the_title(organiser, campaign):
    response = organiser.post(f"/organiser/events/campaign/{campaign.id}/new", data=event_form(
        slug="", **{"text_en-title": "Пикет у посольства"}))
    assert response.status_code == 302
    assert events()[0].slug == "piket-u-posolstva"


def test_a_title_without_letters_asks_for_an_address(organiser, campaign):
    response = organiser.post(f"/organiser/events/campaign/{campaign.id}/new", data=event_form(
        slug="", **{"text_en-title": "!!!"}))
    assert response.status_code == 200
    assert "no letters to make an address from" in page_text(response)
    assert events() == []


def test_reminders_are_ticked_and_stored_as_durations(organiser, campaign):
    page = organiser.get(f"/organiser/events/campaign/{campaign.id}/new").get_data(as_text=True)
    assert "1 day before" in page and "2 hours before" in page and "1 week before" in page
    data = event_form()
    data["reminder_offsets"] = ["P7D", "PT2H"]
    assert organiser.post(f"/organiser/events/campaign/{campaign.id}/new",
                          data=data).status_code == 302
    event = events()[0]
    assert event.reminder_offsets == "P7D,PT2H"
    page = organiser.get(f"/organiser/events/{event.id}").get_data(as_text=True)
    ticked = re.findall(r'<input[^>]*checked[^>]*value="(\w+)"|<input[^>]*value="(\w+)"[^>]*checked',
                        page)
    assert sorted("".join(pair) for pair in ticked) == ["P7D", "PT2H"]


def test_common_zones_come_first_and_aliases_are_not_offered(organiser, campaign):
    page = organiser.get(f"/organiser/events/campaign/{campaign.id}/new").get_data(as_text=True)
    zones = page.split('name="timezone"')[1].split("</select>")[0]
    assert zones.index('label="Common zones"') < zones.index("Europe/Brussels") \
        < zones.index('label="All zones"') < zones.index("Africa/Abidjan")
    assert "Europe/Kyiv" in zones and "Europe/Kiev" not in zones and "US/Eastern" not in zones


def test_duplicating_an_event_copies_it_without_its_people(organiser, event):
    rsvp(event)
    response = organiser.post(f"/organiser/events/{event.id}/duplicate")
    assert response.status_code == 302
    original, copy = events()
    assert response.headers["Location"].endswith(f"/organiser/events/{copy.id}")
    assert copy.slug == "brussels-protest-copy" and not copy.published
    assert copy.text("title") == "Protest in Brussels" and copy.starts_at == original.starts_at
    assert organiser.get(f"/organiser/events/{copy.id}/attendees").status_code == 200
    assert "ala@example.org" not in organiser.get(
        f"/organiser/events/{copy.id}/attendees").get_data(as_text=True)
    organiser.post(f"/organiser/events/{event.id}/duplicate")
    assert events()[2].slug == "brussels-protest-copy-2"
