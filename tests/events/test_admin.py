"""Organisers: create and edit events, publish, postpone, cancel; the changes people are told."""
import datetime as dt

import pytest

from campaign.events.models import Event, EventStatus
from campaign.extensions import db
from tests.events.helpers import BRUSSELS, create_event, outbox, rsvp


def event_form(**values):
    data = {"slug": "brussels-protest", "timezone": "Europe/Brussels",
            "starts_at": "2017-12-08T12:00", "ends_at": "2017-12-08T13:00",
            "rsvp_deadline": "", "address_lines": "Place Jean Rey", "postcode": "1000",
            "city": "Brussels", "country": "BE", "latitude": "50.8406", "longitude": "4.38",
            "capacity": "150", "max_guests": "3", "contact_name": "", "contact_email": "",
            "reminder_offsets": "P1D,PT2H",
            "text_en-title": "Protest in Brussels", "text_en-description": "Join **us**.",
            "text_en-venue_name": "Jean Rey Square", "text_en-place_notes": "",
            "text_pl-title": "Protest w Brukseli", "text_pl-venue_name": "Plac Jeana Reya"}
    data.update(values)
    return data


def visit(app, url):
    """A visitor's request, in an app context of its own (not the organiser's session)."""
    with app.app_context():
        return app.test_client().get(url)


def only_event():
    return db.session.scalar(db.select(Event))


def test_organiser_pages_need_a_login(client, event):
    for url in (f"/organiser/events/campaign/{event.campaign_id}",
                f"/organiser/events/{event.id}", f"/organiser/events/{event.id}/attendees",
                f"/organiser/events/{event.id}/attendees.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/organiser/login" in response.headers["Location"]
    assert client.post(f"/organiser/events/{event.id}/cancel").status_code == 302
    assert only_event().status == EventStatus.SCHEDULED


def test_the_dashboard_links_to_a_campaigns_events(organiser, campaign):
    html = organiser.get("/organiser/").get_data(as_text=True)
    assert f'href="/organiser/events/campaign/{campaign.id}">Events</a>' in html


def test_creating_an_event_in_two_languages_in_its_own_zone(organiser, campaign):
    form_page = organiser.get(f"/organiser/events/campaign/{campaign.id}/new")
    assert 'type="datetime-local"' in form_page.get_data(as_text=True)
    response = organiser.post(f"/organiser/events/campaign/{campaign.id}/new",
                              data=event_form(timezone="Europe/Warsaw"))
    assert response.status_code == 302
    event = only_event()
    assert event.starts_at == dt.datetime(2017, 12, 8, 11, 0, tzinfo=dt.UTC)
    assert event.timezone == "Europe/Warsaw" and event.published is False
    assert event.text("title", "pl") == "Protest w Brukseli"
    assert event.text("venue_name", "pl") == "Plac Jeana Reya"
    assert event.text("title", "ru") == "Protest in Brussels"  # falls back to English
    assert (event.capacity, event.max_guests, event.country) == (150, 3, "BE")
    assert event.reminder_deltas == [dt.timedelta(days=1), dt.timedelta(hours=2)]
    assert organiser.get("/pl/events/brussels-protest").status_code == 200  # a preview
    edit = organiser.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="2017-12-08T12:00"' in edit


def test_publishing_shows_the_page_to_visitors(organiser, app, campaign):
    organiser.post(f"/organiser/events/campaign/{campaign.id}/new", data=event_form())
    event = only_event()
    assert visit(app, "/en/events/brussels-protest").status_code == 404
    organiser.post(f"/organiser/events/{event.id}/publish")
    assert visit(app, "/en/events/brussels-protest").status_code == 200
    organiser.post(f"/organiser/events/{event.id}/unpublish")
    assert visit(app, "/en/events/brussels-protest").status_code == 404


@pytest.mark.parametrize("values, message", [
    ({"starts_at": "2017-03-26T02:30", "ends_at": "2017-03-26T04:00"},
     "This time does not exist in Europe/Brussels"),
    ({"ends_at": "2017-12-08T11:00"}, "The end must be after the start."),
    ({"rsvp_deadline": "2017-12-09T10:00"}, "RSVPs must close before the event starts."),
    ({"starts_at": "tomorrow"}, "Not a valid datetime value."),
    ({"text_en-title": ""}, "Required in English, the default language."),
    ({"slug": "Brussels Protest"}, "Use lower-case letters"),
    ({"capacity": "0"}, "Number must be between 1 and 1000000."),
    ({"latitude": "nan"}, "Enter a number."),
    ({"latitude": "91"}, "Number must be between -90 and 90."),
    ({"country": "XX"}, "Not a valid choice."),
    ({"reminder_offsets": "tomorrow"}, "Use ISO 8601 durations"),
    ({"timezone": "Mars/Olympus"}, "Not a valid choice."),
    # Longer than a file name may be: the zone is never looked up on disk.
    ({"timezone": "x" * 300}, "Not a valid choice."),
    ({"capacity": "9" * 400}, "Number must be between 1 and 1000000."),
    ({"city": "Bruxelles\x00"}, "Please remove the invisible control characters."),
    ({"text_en-venue_name": "\x00"}, "Please remove the invisible control characters."),
])
def test_bad_event_input_is_explained(organiser, campaign, values, message):
    response = organiser.post(f"/organiser/events/campaign/{campaign.id}/new",
                              data=event_form(**values))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert only_event() is None


def test_an_event_without_address_fields_is_saved_without_an_address(organiser, campaign):
    """Address, postcode and city may be left out of the form altogether (not only empty)."""
    data = {key: value for key, value in event_form().items()
            if key not in ("address_lines", "postcode", "city")}
    response = organiser.post(f"/organiser/events/campaign/{campaign.id}/new", data=data)
    assert response.status_code == 302
    event = only_event()
    assert (event.address_lines, event.postcode, event.city) == (None, None, None)


def test_a_taken_slug_is_explained(organiser, campaign):
    create_event(campaign)
    response = organiser.post(f"/organiser/events/campaign/{campaign.id}/new",
                              data=event_form())
    assert "Another event already uses this address." in response.get_data(as_text=True)


def test_moving_the_event_bumps_the_sequence_and_emails_everyone_coming(organiser, campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, "a@example.org")
    rsvp(event, "b@example.org")                       # waitlisted
    gone = rsvp(event, "c@example.org")
    from campaign.events import rsvps
    rsvps.cancel_rsvp(gone)
    db.session.commit()
    response = organiser.post(f"/organiser/events/{event.id}",
                              data=event_form(starts_at="2017-12-08T14:00",
                                              ends_at="2017-12-08T15:00", capacity="1"))
    assert response.status_code == 302
    event = only_event()
    assert event.sequence == 1
    assert event.starts_at == dt.datetime(2017, 12, 8, 14, 0, tzinfo=BRUSSELS)
    assert sorted(m.to_address for m in outbox("event_changed")) == [
        "a@example.org", "b@example.org"]
    changes = outbox("event_changed")[0].payload["changes"]
    assert list(changes) == ["time"]
    assert "Everyone registered is told" in organiser.get(
        response.headers["Location"]).get_data(as_text=True)


UNCHANGED = {"text_pl-title": "", "text_pl-venue_name": "",
             "text_en-place_notes": "In front of Parc Léopold"}


def test_saving_without_changes_tells_nobody(organiser, event):
    rsvp(event)
    organiser.post(f"/organiser/events/{event.id}", data=event_form(**UNCHANGED))
    assert only_event().sequence == 0
    assert outbox("event_changed") == []


def test_a_new_description_bumps_the_sequence_without_mail(organiser, event):
    rsvp(event)
    organiser.post(f"/organiser/events/{event.id}",
                   data=event_form(**{**UNCHANGED, "text_en-description": "New words."}))
    assert only_event().sequence == 1
    assert outbox("event_changed") == []


def test_a_new_zone_with_the_same_moment_is_not_a_move(event):
    from campaign.events import operations

    rsvp(event)
    changes = operations.update_event(event, texts={}, timezone="Europe/Paris")
    db.session.commit()
    assert changes == {} and outbox("event_changed") == []


def test_cancelling_the_event_tells_everyone_and_closes_rsvp(organiser, app, event):
    rsvp(event)
    response = organiser.post(f"/organiser/events/{event.id}/cancel")
    assert response.status_code == 302
    event = only_event()
    assert (event.status, event.sequence) == (EventStatus.CANCELLED, 1)
    assert [m.to_address for m in outbox("event_cancelled")] == ["ala@example.org"]
    html = visit(app, "/en/events/brussels-protest").get_data(as_text=True)
    assert "This event is cancelled." in html and 'name="email"' not in html
    organiser.post(f"/organiser/events/{event.id}/cancel")  # again: nothing more
    assert len(outbox("event_cancelled")) == 1 and only_event().sequence == 1


def test_postponing_and_resuming(organiser, app, event):
    rsvp(event)
    organiser.post(f"/organiser/events/{event.id}/postpone")
    assert only_event().status == EventStatus.POSTPONED
    assert len(outbox("event_postponed")) == 1
    page = visit(app, "/en/events/brussels-protest").get_data(as_text=True)
    assert "This event is postponed." in page
    organiser.post(f"/organiser/events/{event.id}/resume")
    event = only_event()
    assert (event.status, event.sequence) == (EventStatus.SCHEDULED, 2)
    [resumed] = outbox("event_changed")
    assert resumed.payload["changes"] == {"resumed": True}


def test_the_campaigns_event_list(organiser, event):
    rsvp(event, guests=2)
    html = organiser.get(f"/organiser/events/campaign/{event.campaign_id}").get_data(as_text=True)
    assert "Protest in Brussels" in html
    assert "1 person" in html and "3 seats" in html and "of 150" in html
