"""Calendar files (the campaign feed, one key date as .ics) and what the calendar adds to
pages: the campaign's "Subscribe" box and per-date calendar links."""
import datetime as dt

from flask import Response, abort, current_app, request

from campaign.calendar import feeds, ical, links
from campaign.campaigns import queries
from campaign.core.i18n import current_language, localized_blueprint
from campaign.core.security import shared_cache
from campaign.core.templating import public_url

bp = localized_blueprint("calendar", __name__)

ICS = "text/calendar; charset=utf-8"


def ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = ICS
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/campaigns/<slug>/calendar.ics")
def campaign_feed(lang, slug):
    """Serve the campaign's feed; 304 without rendering when the client's copy is current.

    Most conditional GETs are answered before Flask (revalidation.py), the same way."""
    version = queries.get_public_version(slug)
    tag, modified, date = feeds.validators(version, lang)
    if feeds.is_fresh(tag, modified, request.if_none_match, request.if_modified_since):
        response = Response(status=304)
    else:
        response = ics_response(feeds.render(version, lang, current_app.config["BASE_URL"]),
                                f"{slug}-{lang}.ics")
    response.headers.update(feeds.response_headers(tag, date))
    return response


@bp.get("/key-dates/<int:key_date_id>.ics")
def key_date_ics(lang, key_date_id):
    """Serve one key date as an .ics file to add to a calendar."""
    key_date = queries.get_key_date(key_date_id)
    if not key_date.campaign.is_public:
        abort(404)
    page_url = public_url("campaigns.campaign_page", lang=lang, slug=key_date.campaign.slug)
    body = ical.key_date_to_ical(key_date, lang, page_url, current_app.config["BASE_URL"])
    return shared_cache(ics_response(body, f"key-date-{key_date.id}.ics"), feeds.MAX_AGE)


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
    ics_url = public_url("calendar.key_date_ics", lang=current_language(),
                         key_date_id=key_date.id)
    # Outlook on the web's compose link cannot repeat: a yearly date goes through the .ics.
    return {"ics_url": ics_url, "yearly": key_date.yearly,
            "google_url": links.google_add(title, start, end, details, yearly=key_date.yearly),
            "outlook_url": ics_url if key_date.yearly
            else links.outlook_add(title, start, end, details)}
