"""Add-to-calendar and subscribe links for Google, Outlook, Apple and Thunderbird.

Plain links only: nothing is loaded from those services until the visitor clicks.
"""
import datetime as dt
from urllib.parse import urlencode

GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/deeplink/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_add(title: str, start, end, details: str = "", location: str = "",
               yearly: bool = False) -> str:
    """Google Calendar's "add event" page; dates are UTC times or, all day, YYYYMMDD days.

    A *yearly* date carries its repetition (Google reads an RRULE in ``recur``).
    """
    if isinstance(start, dt.datetime):
        dates = f"{_utc(start)}/{_utc(end)}"
    else:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    params = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details,
              "location": location}
    if yearly:
        params["recur"] = "RRULE:FREQ=YEARLY"
    return GOOGLE_TEMPLATE + "?" + urlencode(params)


def outlook_add(title: str, start, end, details: str = "", location: str = "") -> str:
    """Outlook on the web's compose page (Outlook ignores .ics descriptions, not these).

    It has no parameter for a repetition: a yearly date is offered as its .ics file instead.
    """
    params = {"path": "/calendar/action/compose", "rru": "addevent", "subject": title,
              "body": details, "location": location}
    if isinstance(start, dt.datetime):
        params.update(startdt=start.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
                      enddt=end.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"))
    else:
        params.update(startdt=start.isoformat(), enddt=end.isoformat(), allday="true")
    return OUTLOOK_COMPOSE + "?" + urlencode(params)


def webcal(feed_url: str) -> str:
    """The webcal:// form that Apple Calendar and Thunderbird open as a subscription."""
    return "webcal://" + feed_url.split("://", 1)[1]


def google_subscribe(feed_url: str) -> str:
    return GOOGLE_TEMPLATE + "?" + urlencode({"cid": webcal(feed_url)})


def outlook_subscribe(feed_url: str, name: str) -> str:
    return OUTLOOK_SUBSCRIBE + "?" + urlencode({"url": feed_url, "name": name})
