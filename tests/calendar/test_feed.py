"""The campaign feed and key-date .ics files, read by three independent parsers."""
import datetime as dt
import re

import icalendar
import pytest
import recurring_ical_events

from campaign import clock
from campaign.campaigns import operations
from campaign.extensions import db
from tests.calendar.parsers import parse_all, physical_lines
from tests.factories import create_campaign, create_key_date

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
BRUSSELS = "Europe/Brussels"


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them", texts={
        "en": {"title": "Free them"}, "ru": {"title": "Освободите их"}})
    create_key_date(campaign, kind="plenary_debate", date=dt.date(2026, 12, 13),
                    texts={"en": {"title": "Debate"}, "ru": {"title": "Обсуждение"}})
    create_key_date(campaign, kind="anniversary", date=dt.date(2011, 12, 16), yearly=True,
                    texts={"en": {"title": "Anniversary of the Zhanaozen massacre"}})
    return campaign


def feed(client, lang="en", **headers):
    return client.get(f"/{lang}/campaigns/free-them/calendar.ics", headers=headers)


def test_the_feed_is_a_calendar_every_parser_reads(client, campaign):
    response = feed(client)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse_all(response.data)
    assert {e["summary"] for e in events.values()} == {
        "Debate", "Anniversary of the Zhanaozen massacre"}
    calendar = icalendar.Calendar.from_ical(response.data)
    assert "METHOD" not in calendar and calendar["PRODID"]  # see test_rfc5546.py
    assert calendar["X-WR-CALNAME"] == calendar["NAME"] == "Free them"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.get_data(as_text=True)
    assert "X-PUBLISHED-TTL:PT1H" in response.get_data(as_text=True)


def test_a_day_without_time_is_an_all_day_event_with_an_exclusive_end(client, campaign):
    events = parse_all(feed(client).data)
    debate = next(e for e in events.values() if e["summary"] == "Debate")
    assert debate["start"] == dt.date(2026, 12, 13) and debate["end"] == dt.date(2026, 12, 14)
    assert "DTSTART;VALUE=DATE:20261213" in feed(client).get_data(as_text=True)


def test_the_anniversary_recurs_every_year_from_its_original_date(client, campaign):
    calendar = icalendar.Calendar.from_ical(feed(client).data)
    anniversary = next(e for e in calendar.walk("VEVENT") if "Zhanaozen" in str(e["SUMMARY"]))
    assert anniversary.decoded("DTSTART") == dt.date(2011, 12, 16)
    assert anniversary["RRULE"]["FREQ"] == ["YEARLY"]
    occurrences = recurring_ical_events.of(calendar).between(dt.date(2026, 1, 1),
                                                             dt.date(2028, 1, 1))
    days = sorted(o.decoded("DTSTART") for o in occurrences if "Zhanaozen" in str(o["SUMMARY"]))
    assert days == [dt.date(2026, 12, 16), dt.date(2027, 12, 16)]


def test_the_feed_speaks_the_language_of_its_address(client, campaign):
    events = parse_all(feed(client, "ru").data)
    assert "Обсуждение" in {e["summary"] for e in events.values()}
    # no Russian title: the campaign's default language
    assert "Anniversary of the Zhanaozen massacre" in {e["summary"] for e in events.values()}


def test_local_times_survive_the_round_trip_across_a_dst_change(client, campaign):
    create_key_date(campaign, date=dt.date(2027, 3, 27), time=dt.time(12, 0),
                    texts={"en": {"title": "Before the change"}})
    create_key_date(campaign, date=dt.date(2027, 3, 29), time=dt.time(12, 0),
                    texts={"en": {"title": "After the change"}})
    body = feed(client).data
    events = {e["summary"]: e for e in parse_all(body).values()}
    before, after = events["Before the change"]["start"], events["After the change"]["start"]
    assert before.astimezone(dt.UTC).hour == 11 and after.astimezone(dt.UTC).hour == 10
    text = body.decode()
    assert "DTSTART;TZID=Europe/Brussels:20270327T120000" in text
    timezone = icalendar.Calendar.from_ical(body).walk("VTIMEZONE")[0]
    assert timezone["TZID"] == BRUSSELS
    rules = {c.name: c["RRULE"].to_ical().decode() for c in timezone.subcomponents}
    assert rules == {"DAYLIGHT": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                     "STANDARD": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"}
    assert "RDATE" not in text


def test_long_cyrillic_and_polish_lines_fold_at_75_octets_without_splitting_characters(
        client, campaign):
    create_key_date(campaign, date=dt.date(2026, 12, 20), texts={
        "en": {"title": "Zażółć gęślą jaźń " * 6, "description": "Съешь же ещё этих мягких "
               "французских булок, да выпей чаю " * 4}})
    body = feed(client).data
    for line in physical_lines(body):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a split character would not decode
    events = parse_all(body)
    assert "Zażółć gęślą jaźń " * 5 in next(e["summary"] for e in events.values()
                                           if e["summary"].startswith("Zażółć"))


def test_commas_semicolons_backslashes_and_newlines_are_escaped(client, campaign):
    title = 'Vote; debate, and a back\\slash'
    create_key_date(campaign, date=dt.date(2026, 12, 21),
                    texts={"en": {"title": title, "description": "Line one\nLine two"}})
    body = feed(client).data
    assert b"SUMMARY:Vote\\; debate\\, and a back\\\\slash" in body
    assert title in {e["summary"] for e in parse_all(body).values()}


def test_sequence_rises_when_a_key_date_moves(client, campaign):
    key_date = campaign.key_dates[0]
    first = icalendar.Calendar.from_ical(feed(client).data)
    operations.update_key_date(key_date, kind="plenary_debate", date=dt.date(2026, 12, 14),
                               texts={})
    db.session.commit()
    second = icalendar.Calendar.from_ical(feed(client).data)

    def sequence(calendar):
        return next(e["SEQUENCE"] for e in calendar.walk("VEVENT")
                    if e["UID"] == f"key-date-{key_date.id}@campaign.test")
    assert sequence(second) == sequence(first) + 1


def test_a_polling_client_gets_304_until_something_changes(client, campaign):
    clock.set_now(NOW + dt.timedelta(minutes=1))
    first = feed(client)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert feed(client, **{"If-None-Match": etag}).status_code == 304
    assert feed(client, **{"If-Modified-Since": modified}).status_code == 304
    clock.set_now(NOW + dt.timedelta(minutes=5))
    create_key_date(campaign, date=dt.date(2026, 12, 30), texts={"en": {"title": "New"}})
    changed = feed(client, **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "New" in {e["summary"] for e in parse_all(changed.data).values()}


def test_no_date_is_given_in_the_second_of_a_write(client, campaign):
    """HTTP dates have whole seconds: a client told "10:00:00" after a write at 10:00:00.2
    would get 304 after another write at 10:00:00.7. Until the second is over, only the
    ETag (which changes with every write) is given."""
    clock.set_now(NOW + dt.timedelta(minutes=5, milliseconds=200))
    create_key_date(campaign, date=dt.date(2026, 12, 30), texts={"en": {"title": "New"}})
    clock.set_now(NOW + dt.timedelta(minutes=5, milliseconds=300))
    first = feed(client)
    assert "Last-Modified" not in first.headers and first.headers["ETag"]
    clock.set_now(NOW + dt.timedelta(minutes=5, milliseconds=700))
    create_key_date(campaign, date=dt.date(2026, 12, 31), texts={"en": {"title": "Newer"}})
    assert feed(client, **{"If-None-Match": first.headers["ETag"]}).status_code == 200
    clock.set_now(NOW + dt.timedelta(minutes=5, seconds=3))
    settled = feed(client)
    assert settled.headers["Last-Modified"] == "Sun, 22 Nov 2026 10:05:00 GMT"
    assert feed(client, **{"If-Modified-Since": settled.headers["Last-Modified"]}).status_code == 304


def test_drafts_have_no_feed(client, app):
    create_campaign(slug="secret", status="draft")
    assert client.get("/en/campaigns/secret/calendar.ics").status_code == 404


def test_one_key_date_downloads_as_its_own_ics(client, campaign):
    key_date = campaign.key_dates[0]
    response = client.get(f"/pl/key-dates/{key_date.id}.ics")
    assert response.status_code == 200
    events = parse_all(response.data)
    assert list(events) == [f"key-date-{key_date.id}@campaign.test"]


def test_the_campaign_page_offers_subscribe_and_add_links(client, campaign):
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert 'href="webcal://campaign.test/en/campaigns/free-them/calendar.ics"' in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fcampaign.test" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fcampaign.test" in html
    assert 'value="https://campaign.test/en/campaigns/free-them/calendar.ics"' in html
    assert "subscribing keeps every event and key date" in html
    debate = campaign.key_dates[0]
    assert f'href="https://campaign.test/en/key-dates/{debate.id}.ics" type="text/calendar"' in html
    assert "dates=20261213%2F20261214" in html


def _timeline_entry(client, title) -> str:
    page = client.get("/en/campaigns/free-them").get_data(as_text=True)
    entry = page[page.index(f"<h3>{title}</h3>"):]
    return entry[:entry.index("</li>")]


def test_a_yearly_date_is_added_as_a_repeating_one(client, campaign):
    entry = _timeline_entry(client, "Anniversary of the Zhanaozen massacre")
    assert "recur=RRULE%3AFREQ%3DYEARLY" in entry, "Google repeats it every year"
    assert "outlook.live.com" not in entry, "Outlook's link cannot repeat: the .ics instead"
    ics_links = set(re.findall(r'href="(https://campaign\.test/en/key-dates/\d+\.ics)"', entry))
    assert len(ics_links) == 1 and "Every year" in entry
    ics = client.get(ics_links.pop()[len("https://campaign.test"):]).data
    assert b"RRULE:FREQ=YEARLY" in ics


def test_a_one_off_date_has_no_repetition(client, campaign):
    entry = _timeline_entry(client, "Debate")
    assert "recur=" not in entry and "outlook.live.com/calendar/0/deeplink/compose" in entry
