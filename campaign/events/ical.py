"""An event as iCalendar: its VEVENT, the one-event .ics, its part of the campaign feed.

Models in, bytes out; knows nothing about requests. The calendar's building blocks (PRODID,
VTIMEZONE, serialisation) come from :mod:`campaign.calendar.ical`.
"""
import datetime as dt

from icalendar import Alarm, Event

from campaign import clock
from campaign.calendar import lines
from campaign.calendar.ical import finish, host_of, new_calendar
from campaign.core import markdown
from campaign.events import queries
from campaign.events.models import EventStatus
from campaign.events.place import event_place_lines

EVENT_STATUS = {EventStatus.SCHEDULED: "CONFIRMED", EventStatus.POSTPONED: "TENTATIVE",
                EventStatus.CANCELLED: "CANCELLED"}


def _texts(event, lang: str, base_url: str) -> tuple[str, str, str, str]:
    """(page URL, title, description, location) in *lang*: the same in the .ics and the feed."""
    page_url = f"{base_url}/{lang}/events/{event.slug}"
    description = markdown.to_text(event.text("description", lang))
    return (page_url, event.text("title", lang), f"{description}\n\n{page_url}".strip(),
            ", ".join(event_place_lines(event, lang)))


def event_component(event, lang: str, base_url: str, stamp: dt.datetime | None = None,
                    alarm: bool = True) -> Event:
    """One VEVENT for an event, its times in the event's zone (TZID), texts in *lang*.

    DTSTAMP is *stamp* (when an .ics file is made) or else the event's last revision (the
    feed: the same data gives the same bytes). *alarm* adds a reminder the day before: for
    the .ics a person downloads, never in a subscription feed, where it would alert every
    subscriber at a time the NGO chose. The feed writes the same VEVENT (without alarm)
    directly: :func:`feed_vevent`.
    """
    page_url, title, description, location = _texts(event, lang, base_url)
    component = Event()
    component.add("uid", f"event-{event.id}@{host_of(base_url)}")
    component.add("dtstamp", stamp or event.updated_at)
    component.add("created", event.created_at)
    component.add("last-modified", event.updated_at)
    component.add("sequence", event.sequence)
    component.add("dtstart", event.starts_at.astimezone(event.zone))
    component.add("dtend", event.ends_at.astimezone(event.zone))
    component.add("summary", title)
    component.add("description", description)
    component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (event.latitude, event.longitude))
    component.add("url", page_url)
    component.add("organizer", lines.organizer_value(*event.contact))
    component.add("status", EVENT_STATUS[event.status])
    if alarm and event.status != EventStatus.CANCELLED:
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", title)
        reminder.add("trigger", dt.timedelta(days=-1))
        component.add_component(reminder)
    return component


def feed_vevent(event, lang: str, base_url: str, host: str) -> str:
    """:func:`event_component` without alarm, DTSTAMP the last revision, written directly
    (its bytes, properties in icalendar's order; tests/calendar/test_lines.py compares)."""
    page_url, title, description, location = _texts(event, lang, base_url)
    zone = event.zone
    found = [lines.text("SUMMARY", title),
             lines.date_time("DTSTART", event.starts_at.astimezone(zone)),
             lines.date_time("DTEND", event.ends_at.astimezone(zone)),
             lines.utc("DTSTAMP", event.updated_at),
             lines.text("UID", f"event-{event.id}@{host}"),
             lines.plain("SEQUENCE", event.sequence),
             lines.utc("CREATED", event.created_at),
             lines.text("DESCRIPTION", description)]
    if event.latitude is not None and event.longitude is not None:
        found.append(lines.geo(event.latitude, event.longitude))
    found += [lines.utc("LAST-MODIFIED", event.updated_at),
              lines.text("LOCATION", location),
              lines.organizer(*event.contact),
              lines.plain("STATUS", EVENT_STATUS[event.status]),
              lines.plain("URL", page_url)]
    return lines.component("VEVENT", found)


def event_to_ical(event, lang: str, base_url: str, stamp: dt.datetime | None = None) -> bytes:
    """One event as an .ics file (the event page's link, the RSVP confirmation's attachment):
    METHOD:PUBLISH, which its VEVENT meets (RFC 5546: it names an ORGANIZER)."""
    calendar = new_calendar("PUBLISH")
    calendar.add_component(event_component(event, lang, base_url.rstrip("/"),
                                           stamp or clock.now()))
    return finish(calendar, {event.timezone: event.starts_at.year})


def feed_components(campaign, *, lang: str, since: dt.datetime, base_url: str):
    """The campaign feed's events (receiver of :data:`campaign.calendar.signals.feed_components`)."""
    host = host_of(base_url)
    components, zones = [], {}
    for event in queries.feed_events(campaign, since):
        components.append(feed_vevent(event, lang, base_url, host))
        zones.setdefault(event.timezone, event.starts_at.year)
    return components, zones
