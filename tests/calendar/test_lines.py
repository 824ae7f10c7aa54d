"""The feed's directly written VEVENTs (campaign.calendar.lines) are byte for byte what
icalendar writes for the same event: folding, escaping, time zones, parameters."""
import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from icalendar import vText
from icalendar.parser.string import _foldline

from campaign import clock
from campaign.calendar import lines
from campaign.events import ical as event_ical
from campaign.events import operations
from campaign.extensions import db
from tests.events.helpers import create_event
from tests.factories import create_campaign

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
START = dt.datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Europe/Brussels"))
#: Characters that matter to folding and escaping: escapes, separators, multi-byte ones.
ALPHABET = "ab \\^;,:\"'\n\r\tNé€ł😀Я"


def _strings(count: int, seed: int):
    chance = random.Random(seed)
    yield from ("", "x" * 74, "x" * 75, "x" * 73 + "\\n", "x" * 74 + "\\n", "é" * 40,
                "x" * 72 + "😀" * 3, "^" * 200, "\\" * 151)
    for _ in range(count):
        yield "".join(chance.choice(ALPHABET) for _ in range(chance.randint(0, 260)))


def test_folding_and_escaping_are_icalendars():
    for value in _strings(3000, seed=18):
        line = f"DESCRIPTION:{lines.escape(value)}"
        assert lines.escape(value) == vText(value).to_ical().decode()
        assert lines.fold(line) == _foldline(line), repr(value)
        ascii_line = line.encode("ascii", "replace").decode()
        assert lines.fold(ascii_line) == _foldline(ascii_line)


@pytest.mark.parametrize("zone", ["Europe/Brussels", "UTC", "America/St_Johns", "Asia/Kolkata"])
def test_date_times_are_written_as_icalendar_writes_them(zone):
    from icalendar import Event

    moment = dt.datetime(2026, 3, 29, 1, 30, 7, 123456, tzinfo=dt.UTC)
    for tzinfo in (ZoneInfo(zone), dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30))):
        local = moment.astimezone(tzinfo)
        component = Event()
        component.add("dtstart", local)
        component.add("dtstamp", local)
        expected = component.to_ical().decode().splitlines()[1:3]
        assert expected == [lines.date_time("DTSTART", local), lines.utc("DTSTAMP", local)]


TEXTS = {"en": {"title": "Vigil; \"candles\", songs\\prayers — " + "long " * 30,
                "description": "Join **us**, bring *candles*;\n\n- one\n- two\n\n"
                               "[the map](https://example.org/a,b) é€😀 " + "word " * 40,
                "venue_name": "Square, Place; \"Jean\" Rey"},
         "pl": {"title": "Czuwanie przy ambasadzie — zażółć gęślą jaźń " * 3,
                "venue_name": "Plac Łazienkowski"}}


@pytest.mark.parametrize("lang", ["en", "pl", "ru"])
def test_a_feed_vevent_is_icalendars_vevent_without_alarm(app, lang):
    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them")
    events = [
        create_event(campaign, texts=TEXTS),
        create_event(campaign, slug="in-utc", timezone="UTC", latitude=None, longitude=None,
                     contact_name='Ola "Red", NGO; Warsaw', contact_email="ola@example.org",
                     address_lines="ul. Marszałkowska 1\nklatka B", country="PL",
                     texts={"en": {"title": "x" * 74}}),
        create_event(campaign, slug="kolkata", timezone="Asia/Kolkata",
                     starts_at=START + dt.timedelta(days=100), country="IN",
                     texts={"en": {"title": "Čas", "description": "\\N back\\slash ^caret"}}),
    ]
    operations.cancel_event(events[2])
    db.session.commit()
    for event in events:
        expected = event_ical.event_component(event, lang, "https://campaign.test",
                                              alarm=False).to_ical()
        written = event_ical.feed_vevent(event, lang, "https://campaign.test", "campaign.test")
        assert written.encode() == expected


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_feed_key_date_is_icalendars_vevent(app, lang):
    from campaign.calendar import ical
    from campaign.campaigns import operations as campaigns

    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them")
    key_dates = [
        campaigns.create_key_date(campaign, kind="plenary_vote", date=dt.date(2026, 12, 16),
                                  time=dt.time(12, 30), texts=TEXTS),
        campaigns.create_key_date(campaign, kind="anniversary", date=dt.date(2020, 2, 29),
                                  yearly=True, link="https://example.org/a,b;c",
                                  texts={"en": {"title": "Día, 😀; \\ " * 10,
                                                "description": "Line one\nline two"}}),
    ]
    db.session.commit()
    page_url = "https://campaign.test/en/campaigns/free-them"
    for key_date in key_dates:
        expected = ical.key_date_component(key_date, lang, page_url,
                                           "https://campaign.test").to_ical()
        assert ical.key_date_vevent(key_date, lang, page_url,
                                    "campaign.test").encode() == expected
