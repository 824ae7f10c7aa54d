"""RFC 5546 (iTIP): a file that says METHOD:PUBLISH meets the PUBLISH table, checked by
libical's ``icalrestriction_check``; the feed and a key date's .ics say no METHOD, because a
key date has no ORGANIZER to name (a vote in parliament is not organised by the NGO)."""
import datetime as dt

import icalendar
import pytest

from campaign import clock
from campaign.events import operations
from campaign.extensions import db
from tests.calendar import libical
from tests.calendar.test_event_feed import START
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_key_date

pytestmark = pytest.mark.skipif(not libical.AVAILABLE, reason=libical.MISSING)
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them")
    create_key_date(campaign, date=dt.date(2026, 12, 13))
    create_key_date(campaign, kind="anniversary", date=dt.date(2011, 12, 16), yearly=True,
                    time=dt.time(9, 30), link="https://example.org/zhanaozen")
    create_event(campaign, starts_at=START)
    postponed = create_event(campaign, slug="postponed", starts_at=START + dt.timedelta(days=3))
    cancelled = create_event(campaign, slug="cancelled", starts_at=START + dt.timedelta(days=9))
    operations.postpone_event(postponed)
    operations.cancel_event(cancelled)
    db.session.commit()
    return campaign


def test_the_checker_catches_a_publish_without_organizer():
    """The check is real: libical refuses what the table forbids."""
    body = (b"BEGIN:VCALENDAR\r\nPRODID:-//t//t//EN\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\n"
            b"BEGIN:VEVENT\r\nUID:1@t\r\nDTSTAMP:20260101T000000Z\r\n"
            b"DTSTART:20260102T000000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert any("ORGANIZER" in error for error in libical.restriction_errors(body))


def test_the_campaign_feed_passes_and_says_no_method(client, campaign):
    for lang in ("en", "ru", "pl"):
        body = client.get(f"/{lang}/campaigns/free-them/calendar.ics").data
        assert libical.restriction_errors(body) == []
        calendar = icalendar.Calendar.from_ical(body)
        assert "METHOD" not in calendar and len(calendar.walk("VEVENT")) == 5


def test_each_event_ics_is_a_valid_publish_in_every_status(client, campaign):
    for slug in ("brussels-protest", "postponed", "cancelled"):
        body = client.get(f"/en/events/{slug}.ics").data
        assert icalendar.Calendar.from_ical(body)["METHOD"] == "PUBLISH"
        assert libical.restriction_errors(body) == [], slug


def test_each_key_date_ics_passes_and_says_no_method(client, campaign):
    for key_date in campaign.key_dates:
        body = client.get(f"/en/key-dates/{key_date.id}.ics").data
        assert libical.restriction_errors(body) == []
        assert "METHOD" not in icalendar.Calendar.from_ical(body)
