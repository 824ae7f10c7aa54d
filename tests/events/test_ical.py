"""The event's .ics file: what a calendar application reads from it."""
import datetime as dt

import icalendar

from campaign.events.ical import event_to_ical
from campaign.events import operations
from campaign.extensions import db
from tests.events.helpers import BRUSSELS, create_event


def vevent_of(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


def test_the_ics_link_downloads_the_event(client, event):
    response = client.get("/en/events/brussels-protest.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert 'filename="brussels-protest.ics"' in response.headers["Content-Disposition"]
    calendar, vevent = vevent_of(response.get_data())
    assert str(calendar["METHOD"]) == "PUBLISH" and calendar["PRODID"]
    assert str(vevent["UID"]) == f"event-{event.id}@campaign.test"
    assert vevent.decoded("DTSTART") == dt.datetime(2017, 12, 8, 12, 0, tzinfo=BRUSSELS)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent.decoded("DTEND") == dt.datetime(2017, 12, 8, 13, 0, tzinfo=BRUSSELS)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert vevent["DTSTAMP"]
    assert str(vevent["SUMMARY"]) == "Protest in Brussels"
    assert str(vevent["DESCRIPTION"]).endswith("https://campaign.test/en/events/brussels-protest")
    assert "Join us." in str(vevent["DESCRIPTION"])  # Markdown as plain text
    assert str(vevent["LOCATION"]) == "Jean Rey Square, Place Jean Rey, 1000 Brussels, Belgium"
    assert str(vevent["URL"]) == "https://campaign.test/en/events/brussels-protest"
    assert (vevent["SEQUENCE"], str(vevent["STATUS"])) == (0, "CONFIRMED")


def test_the_ics_speaks_the_pages_language(client, campaign):
    create_event(campaign, texts={"en": {"title": "Protest"}, "ru": {"title": "Протест"}})
    _, vevent = vevent_of(client.get("/ru/events/brussels-protest.ics").get_data())
    assert str(vevent["SUMMARY"]) == "Протест"
    assert "Бельгия" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith("/ru/events/brussels-protest")


def test_changes_raise_the_sequence_and_cancelling_says_so(app, event):
    operations.update_event(event, texts={}, starts_at=event.starts_at + dt.timedelta(hours=1),
                                  ends_at=event.ends_at + dt.timedelta(hours=1))
    operations.cancel_event(event)
    db.session.commit()
    _, vevent = vevent_of(event_to_ical(event, "en", "https://campaign.test"))
    assert (vevent["SEQUENCE"], str(vevent["STATUS"])) == (2, "CANCELLED")
    assert vevent.decoded("DTSTART") == dt.datetime(2017, 12, 8, 13, 0, tzinfo=BRUSSELS)


def test_the_ics_parses_in_another_calendar_library(event):
    """A second, independent parser (ical) agrees on the time and the zone."""
    from ical.calendar_stream import IcsCalendarStream

    text = event_to_ical(event, "en", "https://campaign.test").decode()
    calendar = IcsCalendarStream.calendar_from_ics(text)
    [parsed] = calendar.events
    assert parsed.dtstart == dt.datetime(2017, 12, 8, 12, 0, tzinfo=BRUSSELS)
    assert parsed.summary == "Protest in Brussels"
