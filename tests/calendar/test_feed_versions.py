"""What a subscribed calendar sees change, and what it must not: the same version gives the
same bytes from any process, edits move LAST-MODIFIED and SEQUENCE, old events stay gone,
and the feed rings no alarm."""
import datetime as dt
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from campaign import clock
from campaign.campaigns import operations as campaign_operations
from campaign.events import operations as event_operations
from campaign.extensions import db
from tests.calendar.test_event_feed import START
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_key_date

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
FEED = "/en/campaigns/free-them/calendar.ics"


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them")
    create_key_date(campaign, date=dt.date(2026, 12, 13), texts={"en": {"title": "Debate"}})
    create_key_date(campaign, date=dt.date(2026, 12, 13), time=dt.time(15, 0),
                    texts={"en": {"title": "Vote"}})
    create_event(campaign, starts_at=START)
    create_event(campaign, slug="last-month", starts_at=START - dt.timedelta(days=40))
    return campaign


def components(body: bytes) -> dict:
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def build_in_another_process(database_url: str, moment: dt.datetime, path: Path):
    subprocess.run([sys.executable, "-m", "tests.calendar.build_feed", database_url,
                    moment.isoformat(), str(path)], cwd=ROOT, check=True, timeout=120)
    tag, body = path.read_bytes().split(b"\n", 1)
    return tag.decode(), body


def test_one_etag_means_the_same_bytes_from_any_process_at_any_hour(
        client, campaign, database_url, tmp_path):
    """Two app servers (processes of their own) build the feed at 10:07 and at 23:59 of the
    same day; a third answers in this process at 16:00. All say the same ETag and bytes."""
    clock.set_now(NOW + dt.timedelta(minutes=7))
    morning = build_in_another_process(database_url, clock.now(), tmp_path / "a")
    night = build_in_another_process(database_url, NOW.replace(hour=23, minute=59, second=59),
                                     tmp_path / "b")
    clock.set_now(NOW.replace(hour=16))
    here = client.get(FEED)
    assert morning == night == (here.headers["ETag"], here.data)
    assert b"DTSTAMP" in here.data and b"VEVENT" in here.data


def test_a_title_edit_moves_last_modified_and_sequence(client, campaign):
    debate = campaign.key_dates[0]
    before = components(client.get(FEED).data)["Debate"]
    clock.set_now(NOW + dt.timedelta(hours=2))
    campaign_operations.update_key_date(debate, kind=debate.kind,
                                        texts={"en": {"title": "Debate, moved to Strasbourg"}})
    db.session.commit()
    after = components(client.get(FEED).data)["Debate, moved to Strasbourg"]
    assert after["UID"] == before["UID"]
    assert after.decoded("LAST-MODIFIED") == NOW + dt.timedelta(hours=2)
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED")


def test_saving_a_key_date_unchanged_keeps_its_sequence(client, campaign):
    vote = campaign.key_dates[1]
    before = components(client.get(FEED).data)["Vote"]
    clock.set_now(NOW + dt.timedelta(hours=1))
    campaign_operations.update_key_date(vote, kind=vote.kind, texts={"en": {"title": "Vote"}},
                                        date=vote.date, time=vote.time)
    db.session.commit()
    after = components(client.get(FEED).data)["Vote"]
    assert (after["SEQUENCE"], after.decoded("LAST-MODIFIED")) == (
        before["SEQUENCE"], before.decoded("LAST-MODIFIED"))


def test_cancelling_an_event_that_ended_long_ago_does_not_bring_it_back(client, campaign):
    old = create_event(campaign, slug="last-year", starts_at=START - dt.timedelta(days=365))
    assert f"event-{old.id}@".encode() not in client.get(FEED).data
    event_operations.cancel_event(old)
    db.session.commit()
    assert f"event-{old.id}@".encode() not in client.get(FEED).data


def test_cancelling_a_coming_event_shows_it_cancelled(client, campaign):
    event = create_event(campaign, slug="next-month", starts_at=START + dt.timedelta(days=30))
    event_operations.cancel_event(event)
    db.session.commit()
    cancelled = [e for e in icalendar.Calendar.from_ical(client.get(FEED).data).walk("VEVENT")
                 if str(e["UID"]).startswith(f"event-{event.id}@")]
    assert [str(e["STATUS"]) for e in cancelled] == ["CANCELLED"]


def test_the_feed_rings_no_alarm_but_the_downloaded_ics_does(client, campaign):
    feed = icalendar.Calendar.from_ical(client.get(FEED).data)
    assert feed.walk("VEVENT") and not feed.walk("VALARM")
    download = icalendar.Calendar.from_ical(client.get("/en/events/brussels-protest.ics").data)
    [alarm] = download.walk("VALARM")
    assert alarm.decoded("TRIGGER") == dt.timedelta(days=-1)
