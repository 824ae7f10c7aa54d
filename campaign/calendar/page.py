"""What the calendar adds to pages: the campaign's "Subscribe" box, per-date calendar links."""
import datetime as dt

from campaign.calendar import links
from campaign.campaigns import sections
from campaign.core.i18n import current_language
from campaign.core.templating import public_url


def register(app):
    sections.register("calendar-subscribe", 90, "calendar/_subscribe.html", subscribe_links)
    app.jinja_env.globals["key_date_calendar_links"] = key_date_links


def subscribe_links(campaign) -> dict:
    feed = public_url("calendar.campaign_feed", lang=current_language(), slug=campaign.slug)
    name = campaign.text("title")
    return {"feed_url": feed, "webcal_url": links.webcal(feed),
            "google_url": links.google_subscribe(feed),
            "outlook_url": links.outlook_subscribe(feed, name)}


def key_date_links(key_date, day: dt.date) -> dict:
    """.ics, Google and Outlook links for one occurrence of a key date."""
    title = key_date.text("title")
    details = "\n\n".join(filter(None, [key_date.text("description"), key_date.link]))
    start = key_date.starts_at(day)
    if start is None:
        start, end = day, day + dt.timedelta(days=1)
    else:
        end = start + dt.timedelta(hours=1)
    return {"ics_url": public_url("calendar.key_date_ics", lang=current_language(),
                                  key_date_id=key_date.id),
            "google_url": links.google_add(title, start, end, details),
            "outlook_url": links.outlook_add(title, start, end, details)}
