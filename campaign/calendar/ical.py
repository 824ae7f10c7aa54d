"""iCalendar output: models in, bytes out. Knows nothing about requests.

Events' own VEVENTs are built by :mod:`campaign.events.ical`, which adds them to a
campaign's feed through :data:`campaign.calendar.signals.feed_components`. Every file carries
a PRODID, and for each zone it uses a VTIMEZONE in the RRULE form Outlook reads. UIDs are
stable (``key-date-<id>@<host>``), SEQUENCE and LAST-MODIFIED come from the model, and text is
in the language asked for (falling back to the campaign's default language).

METHOD: only a file whose every VEVENT meets RFC 5546's PUBLISH table says METHOD:PUBLISH
(an event's own .ics: it has an ORGANIZER). The feed and a key date's .ics carry no METHOD:
a key date (a vote, an anniversary) has no organiser to name, and without METHOD a file is
plain iCalendar data (RFC 5545 §3.7.2), whose DTSTAMP is when the data was last revised —
which is what we write, so the same version always gives the same bytes.
"""
import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vDuration

from campaign.calendar import lines
from campaign.calendar.timezones import vtimezone

PRODID = "-//Campaign manager for human-rights organisations//Calendar 1.0//EN"
#: How often subscribed clients should poll the feed.
REFRESH = dt.timedelta(hours=1)


def host_of(base_url: str) -> str:
    return urlsplit(base_url).hostname or "localhost"


def new_calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def describe_feed(calendar: Calendar, name: str, description: str, zone: str) -> None:
    """Name the calendar and ask clients to poll hourly (RFC 7986 and the common X- names)."""
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add("x-wr-timezone", zone)  # a hint only: every time carries its TZID


def finish(calendar: Calendar, zones: dict[str, int]) -> bytes:
    """Add one VTIMEZONE per zone used (rules of the given year) and serialise with CRLF."""
    for component in _vtimezones(zones):
        calendar.add_component(component)
    return calendar.to_ical()


def _vtimezones(zones: dict[str, int]) -> list:
    return [vtimezone(zone, year) for zone, year in sorted(zones.items())]


def _key_date_fields(key_date, lang: str, page_url: str):
    """(title, description, URL, category, start or None) in *lang*: the .ics and the feed."""
    description = key_date.text("description", lang)
    return (key_date.text("title", lang),
            "\n\n".join(filter(None, [description, key_date.link, page_url])),
            key_date.link or page_url, key_date.kind.value.replace("_", "-").upper(),
            key_date.starts_at())


def key_date_component(key_date, lang: str, page_url: str, base_url: str) -> Event:
    """One VEVENT for a key date: all-day (VALUE=DATE, exclusive DTEND) or at its local time;
    a yearly date is one VEVENT with RRULE:FREQ=YEARLY from its first day. DTSTAMP is its
    last revision (the files carry no METHOD), so its bytes depend on the data alone. The
    feed writes the same VEVENT directly: :func:`key_date_vevent`."""
    title, description, url, category, start = _key_date_fields(key_date, lang, page_url)
    event = Event()
    event.add("uid", f"key-date-{key_date.id}@{host_of(base_url)}")
    event.add("dtstamp", key_date.updated_at)
    event.add("created", key_date.created_at)
    event.add("last-modified", key_date.updated_at)
    event.add("sequence", key_date.sequence)
    event.add("summary", title)
    event.add("description", description)
    if start is None:
        event.add("dtstart", key_date.date)
        event.add("dtend", key_date.date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(hours=1))
    if key_date.yearly:
        event.add("rrule", {"freq": "yearly"})
    event.add("url", url)
    event.add("categories", [category])
    event.add("status", "CONFIRMED")
    return event


def key_date_vevent(key_date, lang: str, page_url: str, host: str) -> str:
    """:func:`key_date_component`'s bytes (as text), written directly (properties in
    icalendar's order; tests/calendar/test_lines.py compares)."""
    title, description, url, category, start = _key_date_fields(key_date, lang, page_url)
    found = [lines.text("SUMMARY", title)]
    if start is None:
        found += [lines.date("DTSTART", key_date.date),
                  lines.date("DTEND", key_date.date + dt.timedelta(days=1))]
    else:
        found += [lines.date_time("DTSTART", start),
                  lines.date_time("DTEND", start + dt.timedelta(hours=1))]
    found += [lines.utc("DTSTAMP", key_date.updated_at),
              lines.text("UID", f"key-date-{key_date.id}@{host}"),
              lines.plain("SEQUENCE", key_date.sequence)]
    if key_date.yearly:
        found.append("RRULE:FREQ=YEARLY")
    found += [lines.text("CATEGORIES", category),
              lines.utc("CREATED", key_date.created_at),
              lines.text("DESCRIPTION", description),
              lines.utc("LAST-MODIFIED", key_date.updated_at),
              "STATUS:CONFIRMED"]
    if start is None:
        found.append("TRANSP:TRANSPARENT")
    found.append(lines.plain("URL", url))
    return lines.component("VEVENT", found)


def key_date_to_ical(key_date, lang: str, page_url: str, base_url: str) -> bytes:
    """A one-event .ics for "add this key date to my calendar"."""
    calendar = new_calendar()
    calendar.add_component(key_date_component(key_date, lang, page_url, base_url))
    zones = {key_date.campaign.timezone: key_date.date.year} if key_date.time else {}
    return finish(calendar, zones)


def campaign_feed(campaign, lang: str, *, key_dates, page_url: str, base_url: str, name: str,
                  description: str, contributed=()) -> bytes:
    """The campaign's subscribable calendar: its key dates and the *contributed*
    ``(components, zones)`` of other domains (its events). A contributed component is an
    icalendar component or a VEVENT already written (text, see :mod:`.lines`); the file is
    the same as if each had been added to the calendar in turn."""
    calendar = new_calendar()
    describe_feed(calendar, name, description, campaign.timezone)
    parts: list[str | bytes] = []
    zones: dict[str, int] = {}
    for components, their_zones in contributed:
        parts += components
        for zone, year in their_zones.items():
            zones.setdefault(zone, year)
    host = host_of(base_url)
    for key_date in sorted(key_dates, key=lambda k: (k.date, k.id)):  # same order everywhere
        parts.append(key_date_vevent(key_date, lang, page_url, host))
        if key_date.time is not None:
            zones.setdefault(campaign.timezone, key_date.date.year)
    parts += _vtimezones(zones)
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return b"".join([head[:-len(end)],
                     *(part.encode() if isinstance(part, str) else part.to_ical()
                       for part in parts), end])
