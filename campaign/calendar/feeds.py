"""The campaign feed: built once per version, answered with 304 while nothing changed.

A feed's version is the campaign's ``revision`` and ``updated_at`` (every write to the
campaign, its key dates or its events touches them) and today's date (past events drop out of
the window by date). The bytes are a function of the version and the data alone — the window
starts at a midnight, DTSTAMPs are last revisions, never the build time — so one ETag means
the same bytes from every app process. They are cached per process under that version:
invalidated by writes, not by a timer.
"""
import datetime as dt
import gc
import hashlib
from collections import OrderedDict
from contextlib import contextmanager

from flask import current_app
from flask_babel import gettext as _
from werkzeug.http import http_date

from campaign import clock
from campaign.calendar import ical, signals
from campaign.campaigns import queries
from campaign.core.templating import public_url

#: How long past (and cancelled) events stay in the feed.
PAST_WINDOW = dt.timedelta(days=31)
#: How long a Last-Modified date stays unsaid: its own second, and one second of clock
#: difference between app servers.
SETTLING = dt.timedelta(seconds=2)
_CACHE_SIZE = 64
#: Seconds any cache (the client's, a proxy's) may answer for us. The language is in the URL
#: and nothing depends on the visitor, so one cached copy serves everyone.
MAX_AGE = 300


def version(campaign, lang: str) -> tuple:
    return (campaign.id, campaign.created_at.isoformat(), campaign.revision,
            campaign.updated_at.isoformat(), lang, clock.now().date().isoformat())


def _midnight() -> dt.datetime:
    """The start of today (UTC): the feed's window moves once a day, at this moment."""
    return dt.datetime.combine(clock.now().date(), dt.time(), tzinfo=dt.UTC)


def window_start() -> dt.datetime:
    """Events that ended (or were cancelled) before this are out of today's feed."""
    return _midnight() - PAST_WINDOW


def last_modified(campaign) -> dt.datetime:
    """The later of the last write and the start of today (when the date window moved)."""
    return max(campaign.updated_at.replace(microsecond=0), _midnight())


def date_is_settled(campaign) -> bool:
    """Whether Last-Modified may be sent. HTTP dates have whole seconds: another write in the
    same second would carry the same date, and a client holding it (from any app server)
    would be told 304 for a feed it lacks. Until that second is over only the ETag is given."""
    return clock.now() - last_modified(campaign) >= SETTLING


def etag(campaign, lang: str) -> str:
    return hashlib.sha256(repr(version(campaign, lang)).encode()).hexdigest()[:32]


def validators(campaign, lang: str) -> tuple[str, dt.datetime, dt.datetime | None]:
    """(ETag, the moment it stands for, the Last-Modified date to send or None)."""
    modified = last_modified(campaign)
    return etag(campaign, lang), modified, modified if date_is_settled(campaign) else None


def is_fresh(tag: str, modified: dt.datetime, if_none_match, if_modified_since) -> bool:
    """Whether the client's copy is current (RFC 9110 §13.2.2: If-None-Match wins, compared
    weakly — nginx's gzip turns our tag into W/"…"; else If-Modified-Since)."""
    if if_none_match:
        return if_none_match.contains_weak(tag)
    return bool(if_modified_since and if_modified_since >= modified)


def response_headers(tag: str, last_modified_date: dt.datetime | None) -> dict:
    """The validators and caching headers of every feed answer, 200 or 304."""
    headers = {"ETag": f'"{tag}"', "Cache-Control": f"public, max-age={MAX_AGE}"}
    if last_modified_date is not None:
        headers["Last-Modified"] = http_date(last_modified_date)
    return headers


def render(campaign, lang: str, base_url: str) -> bytes:
    """The feed's bytes, from the cache when this version was built already.

    *campaign* may be a :class:`~campaign.campaigns.queries.CampaignVersion`: the campaign
    itself is loaded only when the feed must be built.
    """
    cache = current_app.extensions.setdefault("calendar_feeds", OrderedDict())
    key = version(campaign, lang)
    body = cache.get(key)
    if body is None:
        body = _build(queries.get_campaign(campaign.id), lang, base_url)
        cache[key] = body
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    return body


@contextmanager
def _no_cycle_collection():
    """Building a big feed makes ~100k short-lived objects, none in reference cycles; the
    cycle collector would walk them (and the whole heap) dozens of times for nothing —
    a quarter of the build's time. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(campaign, lang: str, base_url: str) -> bytes:
    with _no_cycle_collection():
        return _build_feed(campaign, lang, base_url)


def _build_feed(campaign, lang: str, base_url: str) -> bytes:
    title = campaign.text("title", lang)
    contributed = [answer for _receiver, answer in signals.feed_components.send(
        campaign, lang=lang, since=window_start(), base_url=base_url)]
    return ical.campaign_feed(
        campaign, lang, key_dates=campaign.key_dates, contributed=contributed,
        page_url=public_url("campaigns.campaign_page", lang=lang, slug=campaign.slug),
        base_url=base_url, name=title,
        description=_("Events and key dates of the campaign “%(title)s”.", title=title))
