"""Events in the campaign feed and as their own .ics: the protest at 12:00 Brussels time."""
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from campaign import clock
from campaign.events import operations
from campaign.extensions import db
from tests.calendar.parsers import parse_all, physical_lines
from tests.events.helpers import create_event
from tests.factories import create_campaign

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
START = dt.datetime(2026, 12, 6, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    return create_campaign(slug="free-them")


def feed(client, lang="en"):
    return client.get(f"/{lang}/campaigns/free-them/calendar.ics")


def vevent(body, uid_prefix="event-"):
    return next(e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
                if str(e["UID"]).startswith(uid_prefix))


def test_the_protest_is_in_the_feed_at_noon_brussels_time(client, campaign):
    event = create_event(campaign, starts_at=START, texts={"en": {"title": "Protest"},
                                                             "pl": {"title": "Protest PL"}})
    body = feed(client, "pl").data
    events = parse_all(body)
    protest = events[f"event-{event.id}@campaign.test"]
    assert protest["summary"] == "Protest PL"
    assert protest["start"].astimezone(BRUSSELS).hour == 12
    assert protest["end"] - protest["start"] == dt.timedelta(hours=1)
    assert f"DTSTART;TZID=Europe/Brussels:20261206T120000" in body.decode()


def test_the_event_carries_what_calendars_show(client, campaign):
    event = create_event(campaign, starts_at=START)
    component = vevent(feed(client).data)
    assert component["STATUS"] == "CONFIRMED"
    assert str(component["ORGANIZER"]) == "mailto:anna@example.org"
    assert component["ORGANIZER"].params["CN"] == "Anna Kowalska"
    assert "Place Jean Rey" in str(component["LOCATION"])
    assert component["GEO"].latitude == pytest.approx(50.8406)
    assert str(component["DESCRIPTION"]).endswith(
        "https://campaign.test/en/events/brussels-protest")
    assert event.sequence == component["SEQUENCE"]


def test_moving_the_event_moves_it_in_the_feed_with_a_higher_sequence(client, campaign):
    event = create_event(campaign, starts_at=START)
    before = vevent(feed(client).data)
    clock.set_now(NOW + dt.timedelta(minutes=1))
    operations.update_event(event, texts={}, starts_at=START + dt.timedelta(hours=2),
                                  ends_at=START + dt.timedelta(hours=3))
    db.session.commit()
    after = vevent(feed(client).data)
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART").astimezone(BRUSSELS).hour == 14


def test_a_cancelled_event_stays_cancelled_for_31_days_then_drops_out(client, campaign):
    event = create_event(campaign, starts_at=START + dt.timedelta(days=90))
    operations.cancel_event(event)
    db.session.commit()
    assert vevent(feed(client).data)["STATUS"] == "CANCELLED"
    clock.set_now(NOW + dt.timedelta(days=32))
    assert f"event-{event.id}@".encode() not in feed(client).data


def test_past_events_stay_for_31_days(client, campaign):
    create_event(campaign, starts_at=START)
    clock.set_now(START + dt.timedelta(days=30))
    assert b"event-" in feed(client).data
    clock.set_now(START + dt.timedelta(days=32))
    assert b"event-" not in feed(client).data


def test_unpublished_events_stay_out(client, campaign):
    create_event(campaign, starts_at=START, published=False)
    assert b"event-" not in feed(client).data


def test_the_event_ics_is_one_event_with_its_timezone(client, campaign):
    create_event(campaign, starts_at=dt.datetime(2027, 3, 27, 12, 0, tzinfo=BRUSSELS),
                 texts={"en": {"title": "Очень длинное название акции в защиту политзаключённых "
                                        "Казахстана; с запятой, и обратной косой \\ чертой"}})
    response = client.get("/en/events/brussels-protest.ics")
    assert response.headers["Content-Type"].startswith("text/calendar")
    for line in physical_lines(response.data):
        assert len(line) <= 75
        line.decode("utf-8")
    [protest] = parse_all(response.data).values()
    assert protest["summary"].endswith("с запятой, и обратной косой \\ чертой")
    calendar = icalendar.Calendar.from_ical(response.data)
    assert calendar["METHOD"] == "PUBLISH"
    [timezone] = calendar.walk("VTIMEZONE")
    assert "RRULE" in timezone.subcomponents[0]
    assert protest["start"].astimezone(dt.UTC).hour == 11  # CET, the day before DST


def test_editing_an_event_changes_the_feeds_etag(client, campaign):
    event = create_event(campaign, starts_at=START)
    etag = feed(client).headers["ETag"]
    operations.update_event(event, texts={"en": {"title": "Protest, updated"}})
    db.session.commit()
    response = client.get("/en/campaigns/free-them/calendar.ics",
                          headers={"If-None-Match": etag})
    assert response.status_code == 200 and b"Protest\\, updated" in response.data
