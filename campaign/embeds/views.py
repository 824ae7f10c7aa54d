"""Embed pages: a petition's sign form and an event's RSVP form for other websites' iframes,
and the petition's counter badge.

The forms, their checks and the writes are the public pages' own (SignForm and
petitions.operations.sign, RsvpForm and events.confirmations.request_rsvp), with the same
honeypot, the same rate-limit buckets and the same confirmation e-mail; only the layout (no
site header or footer), the CSRF token (form_tokens.py: no cookie reaches a third-party
frame) and the framing headers differ. Answers are shown inside the frame.
"""
from babel.numbers import format_decimal
from flask import make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.exceptions import HTTPException

from campaign.core.i18n import format_locale, localized_blueprint
from campaign.core.security import allow_framing, shared_cache
from campaign.embeds import badge, form_tokens, queries
from campaign.events import confirmations, queries as event_queries
from campaign.events.forms import CONSENT_VERSION, RsvpForm
from campaign.events.views import public_write_limit
from campaign.extensions import csrf, db, limiter
from campaign.petitions import abuse, operations as petition_operations
from campaign.petitions import queries as petition_queries
from campaign.petitions.forms import SignForm

bp = localized_blueprint("embeds", __name__)
#: Seconds any cache may keep a badge (the same picture for everyone).
BADGE_MAX_AGE = 60
NO_CSRF = {"csrf": False}  # form_tokens.py checks embed posts instead


def _framed(campaign, body, status=None):
    """*body* framable by the campaign's allowed origins (and our own pages) only."""
    response = make_response(body) if status is None else make_response(body, status)
    response.headers["X-Robots-Tag"] = "noindex"
    return allow_framing(response, queries.allowed_origins(campaign.id))


def _sent(campaign, endpoint: str, slug: str):
    """Redirect to the "check your e-mail" page inside the frame (POST/redirect/GET)."""
    return _framed(campaign, redirect(url_for(endpoint, slug=slug)))


def _petition_page(petition, form, status=200, csrf_expired=False):
    return _framed(petition.campaign, render_template(
        "embeds/petition.html", petition=petition, form=form, csrf_expired=csrf_expired,
        form_token=form_tokens.issue("petition", petition.id),
        progress=petition_queries.progress(petition)), status)


@bp.get("/petitions/<slug>/embed")
def petition(lang, slug):
    """Show the petition's sign form alone, for an iframe."""
    petition = petition_queries.get_public_petition(slug)
    return _petition_page(petition, SignForm(lang=lang, formdata=None, meta=NO_CSRF))


# The rate limits share the public form's buckets (Flask-Limiter names a limit's bucket after
# its endpoint, or its scope when shared): the embed is no second allowance.
@bp.post("/petitions/<slug>/embed")
@csrf.exempt
@limiter.shared_limit(abuse.sign_limit_per_ip, scope="petitions.sign")
@limiter.shared_limit(abuse.sign_limit_per_domain, scope="petitions.sign:petition-domain",
                      key_func=abuse.domain_key, exempt_when=abuse.domain_exempt)
def sign_petition(lang, slug):
    """Record a pending signature and queue its verification link, as the public form does."""
    petition = petition_queries.get_public_petition(slug)
    form = SignForm(lang=lang, meta=NO_CSRF)
    if not petition.is_open:
        return _petition_page(petition, form, status=409)
    if not form_tokens.passed("petition", petition.id):
        return _petition_page(petition, form, status=400, csrf_expired=True)
    if form.is_bot:
        return _sent(petition.campaign, ".petition_sent", slug)
    if not form.validate():
        return _petition_page(petition, form)
    petition_operations.sign(
        petition, name=form.name.data, email=form.email.data, country=form.country.data,
        comment=form.comment.data, public=form.public.data, updates=form.updates.data,
        lang=lang, ip_hash=abuse.ip_hash(request.remote_addr))
    db.session.commit()
    return _sent(petition.campaign, ".petition_sent", slug)


@bp.get("/petitions/<slug>/embed/sent")
def petition_sent(lang, slug):
    """Ask the signer, inside the frame, to follow the e-mailed link (the same for anyone)."""
    petition = petition_queries.get_public_petition(slug)
    return _framed(petition.campaign, render_template("embeds/petition_sent.html",
                                                      petition=petition))


def _event_page(event, form, status=200, csrf_expired=False):
    return _framed(event.campaign, render_template(
        "embeds/event.html", event=event, form=form, csrf_expired=csrf_expired,
        form_token=form_tokens.issue("event", event.id),
        free_seats=event_queries.free_seats(event)), status)


@bp.get("/events/<slug>/embed")
def event(lang, slug):
    """Show the event's RSVP form alone, for an iframe."""
    event = event_queries.get_public_event(slug)
    return _event_page(event, RsvpForm(max_guests=event.max_guests, formdata=None, meta=NO_CSRF))


@bp.post("/events/<slug>/embed")
@csrf.exempt
@limiter.shared_limit(public_write_limit, scope="events.submit_rsvp")
def rsvp(lang, slug):
    """Record a request to attend and mail its link (the same answer for every address)."""
    event = event_queries.get_public_event(slug)
    form = RsvpForm(max_guests=event.max_guests, meta=NO_CSRF)
    if not event.rsvp_open:
        return _event_page(event, form, status=409)
    if not form_tokens.passed("event", event.id):
        return _event_page(event, form, status=400, csrf_expired=True)
    if not form.validate():
        return _event_page(event, form)
    if not form.is_bot:
        confirmations.request_rsvp(
            event, name=form.name.data, email=form.email.data, guests=form.guests.data,
            lang=lang, wants_updates=form.updates.data, consent_version=CONSENT_VERSION)
        db.session.commit()
    return _sent(event.campaign, ".event_sent", slug)


@bp.get("/events/<slug>/embed/sent")
def event_sent(lang, slug):
    """Ask the visitor, inside the frame, to follow the e-mailed link."""
    event = event_queries.get_public_event(slug)
    return _framed(event.campaign, render_template("embeds/event_sent.html", event=event))


@bp.errorhandler(429)
def too_many(error):
    """The rate limit's answer inside the frame (the site's error page may not be framed)."""
    body = render_template("embeds/too_many.html")
    try:
        campaign = _campaign_asked_for()
    except HTTPException:  # no such petition or event: framed by our own pages only
        return allow_framing(make_response(body, 429), [])
    return _framed(campaign, body, 429)


def _campaign_asked_for():
    """The campaign of the petition or event in this request's address. :raise 404:"""
    slug = (request.view_args or {}).get("slug")
    if request.endpoint in ("embeds.event", "embeds.rsvp", "embeds.event_sent"):
        return event_queries.get_public_event(slug).campaign
    return petition_queries.get_public_petition(slug).campaign


@bp.get("/petitions/<slug>/badge.svg")
def petition_badge(lang, slug):
    """The petition's verified count (and goal) as an SVG badge, in *lang*."""
    petition = petition_queries.get_public_petition(slug)
    progress = petition_queries.progress(petition)
    locale = format_locale(lang)
    count = format_decimal(progress.count, locale=locale)
    goal = format_decimal(progress.goal, locale=locale)
    value = ngettext("%(count)s of %(goal)s signature", "%(count)s of %(goal)s signatures",
                     progress.goal, count=count, goal=goal)
    title = _("%(title)s: %(value)s", title=petition.text("title"), value=value)
    response = make_response(badge.render(petition.text("title"), value, title))
    response.mimetype = "image/svg+xml"
    return shared_cache(response, BADGE_MAX_AGE)
