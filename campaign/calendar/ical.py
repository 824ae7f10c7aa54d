"""iCalendar for events. Pure: models in, bytes out; knows nothing about requests."""
import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event as VEvent

from campaign.core import markdown
from campaign.events.models import EventStatus
from campaign.events.place import event_place_lines

PRODID = "-//Campaign manager for human-rights organisations//Events//EN"
STATUS = {EventStatus.SCHEDULED: "CONFIRMED", EventStatus.POSTPONED: "TENTATIVE",
          EventStatus.CANCELLED: "CANCELLED"}


def event_to_ical(event, lang: str, base_url: str) -> bytes:
    """One event as an iCalendar file (METHOD:PUBLISH) with its time zone, texts in *lang*."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_vevent(event, lang, base_url.rstrip("/")))
    start = event.starts_at.date()
    calendar.add_missing_timezones(first_date=start - dt.timedelta(days=366),
                                   last_date=event.ends_at.date() + dt.timedelta(days=366))
    return calendar.to_ical()


def _vevent(event, lang: str, base_url: str) -> VEvent:
    page_url = f"{base_url}/{lang}/events/{event.slug}"
    description = markdown.to_text(event.text("description", lang))
    vevent = VEvent()
    vevent.add("uid", f"event-{event.id}@{urlsplit(base_url).hostname}")
    vevent.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    vevent.add("dtstart", event.starts_at.astimezone(event.zone))
    vevent.add("dtend", event.ends_at.astimezone(event.zone))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.text("title", lang))
    vevent.add("description", f"{description}\n\n{page_url}".strip())
    vevent.add("location", ", ".join(event_place_lines(event, lang)))
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (event.latitude, event.longitude))
    vevent.add("url", page_url)
    vevent.add("status", STATUS[event.status])
    return vevent
