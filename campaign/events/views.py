"""Public pages: the event page with its RSVP form, the .ics file, and the manage link."""
from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from campaign.campaigns.signals import NextEvent
from campaign.core import form_tokens, resend, share_image, signing
from campaign.core.forms import typed_answer_headers
from campaign.core.i18n import format_span, localized_blueprint
from campaign.core.pagecache import cached_page
from campaign.core.security import shared_cache
from campaign.core.templating import public_url
from campaign.events import confirmations, ical, place, queries, rsvps, sharing, tickets
from campaign.events.forms import (CONSENT_VERSION, ActionForm, GuestsForm, RsvpForm,
                                   status_labels)
from campaign.events.models import EventStatus, RsvpStatus, normalise_email
from campaign.extensions import csrf, db, limiter

bp = localized_blueprint("events", __name__)
bp.context_processor(status_labels)
#: Seconds any cache may keep a published event's .ics (the same for every visitor).
ICS_MAX_AGE = 300


def public_write_limit():
    return current_app.config["RATELIMIT_PUBLIC_WRITE"]


def page_context(event, lang: str) -> dict:
    """Everything the event page shows besides the form."""
    page_url = public_url("events.event_page", slug=event.slug)
    return dict(event=event, where=place.event_place_lines(event, lang),
                osm_url=place.osm_url(event), free_seats=queries.free_seats(event),
                google_url=place.google_calendar_url(event, lang, page_url),
                outlook_url=place.outlook_url(event, lang, page_url))


def after_acting(event) -> dict:
    """What the pages after acting offer: share links and an invitation for a friend."""
    return dict(share=sharing.links(event), invite_url=sharing.invite_link(event))


def _resend_key(event) -> str:
    return f"rsvp:{event.id}"


def _page(event, lang, form, status=200, csrf_expired=False):
    return render_template("events/event.html", form=form, csrf_expired=csrf_expired,
                           form_token=form_tokens.issue("event", event.id),
                           **page_context(event, lang)), status, typed_answer_headers()


@bp.get("/events/<slug>")
@cached_page
def event_page(lang, slug):
    """Show an event with its RSVP form (crowds share a few seconds of cached rendering)."""
    event = queries.get_public_event(slug)
    return _page(event, lang, RsvpForm(max_guests=event.max_guests, formdata=None))


@bp.get("/events/<slug>/share.png")
def share_png(lang, slug):
    """The event's link-preview image: its title and when, in *lang*."""
    event = queries.get_public_event(slug)
    return share_image.png_response(share_image.render(
        event.text("title"), _("Campaigns for human rights"),
        caption=format_span(event.starts_at, event.ends_at, event.timezone)))


@bp.post("/events/<slug>")
@csrf.exempt  # core.form_tokens, checked below: a refused post shows the form again as typed
@limiter.limit(public_write_limit)
def submit_rsvp(lang, slug):
    """Record a request to attend and mail its link (rate-limited; the page itself is not).

    The same work and the same answer for every address: see events/confirmations.py."""
    event = queries.get_public_event(slug)
    form = RsvpForm(max_guests=event.max_guests)
    if not event.rsvp_open:
        flash(_("Registration for this event is closed."), "error")
        return redirect(url_for(".event_page", slug=slug))
    if not form_tokens.passed("event", event.id):
        return _page(event, lang, form, status=400, csrf_expired=True)
    if form.validate():
        if not form.is_bot:
            confirmations.request_rsvp(
                event, name=form.name.data, email=form.email.data, guests=form.guests.data,
                lang=lang, wants_updates=form.updates.data, consent_version=CONSENT_VERSION)
            # Read before the commit, which expires every loaded row (else reloaded).
            email = normalise_email(form.email.data)
            key, request_id = _resend_key(event), queries.request_id(event, email)
            db.session.commit()
            resend.remember(key, request_id, email, confirmations.RESEND_INTERVAL)
        return redirect(url_for(".rsvp_thanks", slug=slug))
    return _page(event, lang, form)


@bp.get("/events/<slug>/thanks")
def rsvp_thanks(lang, slug):
    """Ask the visitor to follow the link we mailed (the same page for every address)."""
    event = queries.get_public_event(slug)
    return render_template("events/thanks.html", event=event, form=ActionForm(),
                           can_resend=resend.remembered(_resend_key(event)),
                           **after_acting(event))


@bp.post("/events/<slug>/thanks")
@limiter.limit(public_write_limit)
def resend_rsvp_mail(lang, slug):
    """Send the request's mail again, at most every few minutes (the same answer whatever
    the address: see campaign.core.resend)."""
    event = queries.get_public_event(slug)
    resend.button_pressed(_resend_key(event), confirmations.RESEND_INTERVAL,
                          confirmations.RESEND_MAX, confirmations.resend, ActionForm())
    return redirect(url_for(".rsvp_thanks", slug=slug))


@bp.get("/events/<slug>.ics")
def event_ics(lang, slug):
    """Download the event as an iCalendar file."""
    event = queries.get_public_event(slug)
    data = ical.event_to_ical(event, lang, current_app.config["BASE_URL"])
    response = Response(data, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{event.slug}.ics"'})
    if not (event.published and event.campaign.is_public):  # an organiser's preview
        response.cache_control.no_store = True
        return response
    return shared_cache(response, ICS_MAX_AGE)


def _manage_response(template: str, status: int = 200, **context):
    response = current_app.make_response((render_template(template, **context), status))
    # The page holds a personal link: keep it out of caches and search engines.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _rsvp_or_error(token: str):
    try:
        return queries.rsvp_from_token(token), None
    except signing.InvalidToken as error:
        return None, _manage_response("events/link_invalid.html", 410 if error.expired else 404,
                                      expired=error.expired)


@bp.get("/events/<slug>/confirm/<token>")
def confirm_rsvp(lang, slug, token):
    """Show the request a confirmation link is for, with one button (following a link never
    acts: mail scanners follow links); once used, show where the registration is."""
    request, error = _request_or_error(token)
    if error:
        return error
    rsvp = queries.rsvp_of(request.event, request.email)
    return _manage_response("events/confirm.html", pending=request, rsvp=rsvp,
                            manage_token=queries.manage_token(rsvp) if rsvp else None,
                            form=ActionForm(), **page_context(request.event, lang))


@bp.post("/events/<slug>/confirm/<token>")
@limiter.limit(public_write_limit)
def confirm_rsvp_post(lang, slug, token):
    """Confirm a request: the RSVP takes a seat if one is free now, else waits."""
    request, error = _request_or_error(token)
    if error:
        return error
    if not ActionForm().validate_on_submit():
        return redirect(url_for(".confirm_rsvp", slug=slug, token=token))
    rsvp = confirmations.confirm(request)
    db.session.commit()
    if rsvp is None:
        flash(_("Registration for this event is closed."), "error")
        return redirect(url_for(".confirm_rsvp", slug=slug, token=token))
    if rsvp.status == RsvpStatus.WAITLISTED:
        flash(_("Your registration is confirmed. The event is full: you are number "
                "%(position)d on the waiting list, and we will e-mail you as soon as a place "
                "is free.", position=queries.waitlist_position(rsvp)), "success")
    else:
        flash(_("Your registration is confirmed."), "success")
    return redirect(url_for(".manage_rsvp", token=queries.manage_token(rsvp)))


def _request_or_error(token: str):
    try:
        return queries.request_from_token(token), None
    except signing.InvalidToken as error:
        return None, _manage_response("events/link_invalid.html", 410 if error.expired else 404,
                                      expired=error.expired, confirmation=True)


@bp.route("/rsvp/<token>", methods=["GET", "POST"])
@limiter.limit(public_write_limit, methods=["POST"])
def manage_rsvp(lang, token):
    """Show one's RSVP and change the number of guests."""
    rsvp, error = _rsvp_or_error(token)
    if error:
        return error
    event = rsvp.event
    form = GuestsForm(max_guests=event.max_guests, data={"guests": rsvp.guests})
    if form.validate_on_submit() and event.rsvp_open and rsvp.is_active:
        if rsvps.change_guests(rsvp, form.guests.data):
            db.session.commit()
            flash(_("Your registration has been updated."), "success")
        else:
            db.session.rollback()
            flash(_("There are not enough free seats for that many guests; your registration "
                    "is unchanged."), "error")
        return redirect(url_for(".manage_rsvp", token=token))
    return _manage_response("events/manage.html", rsvp=rsvp, form=form, token=token,
                            position=queries.waitlist_position(rsvp), **_ticket(rsvp),
                            **page_context(event, lang), **after_acting(event))


def _ticket(rsvp) -> dict:
    """The QR code to show at the door, while the person has a place at an event to come."""
    event = rsvp.event
    if rsvp.status != RsvpStatus.CONFIRMED or event.is_over or event.is_cancelled:
        return {"ticket": None}
    return {"ticket": tickets.qr_svg(rsvp.checkin_code, _("QR code of your ticket")),
            "checkin_code": tickets.display(rsvp.checkin_code)}


@bp.post("/rsvp/<token>/cancel")
@limiter.limit(public_write_limit)
def cancel_rsvp(lang, token):
    """Cancel one's RSVP; the seats go to the waiting list."""
    rsvp, error = _rsvp_or_error(token)
    if error:
        return error
    if ActionForm().validate_on_submit() and rsvp.is_active and not rsvp.event.has_started:
        rsvps.cancel_rsvp(rsvp)
        db.session.commit()
        flash(_("Your registration is cancelled. Thank you for letting us know."), "success")
    return redirect(url_for(".manage_rsvp", token=token))


@bp.post("/rsvp/<token>/rejoin")
@limiter.limit(public_write_limit)
def rejoin_rsvp(lang, token):
    """Register again after cancelling: a seat if one is free, else the waiting list."""
    rsvp, error = _rsvp_or_error(token)
    if error:
        return error
    if ActionForm().validate_on_submit() and rsvps.rejoin_rsvp(rsvp):
        db.session.commit()
        flash(_("You are registered again."), "success")
    return redirect(url_for(".manage_rsvp", token=token))


def campaign_section(campaign) -> dict | None:
    """The campaign page's list of coming events."""
    events = queries.upcoming_events(campaign)
    if not events:
        return None
    on = [event for event in events if event.status == EventStatus.SCHEDULED]
    return {"events": events, "next": on[0] if on else None}


def next_event(campaign):
    """The campaign's next event, for the petition's thank-you page (None when there is none);
    the receiver of :data:`campaign.campaigns.signals.next_event`."""
    events = queries.upcoming_events(campaign)
    if not events:
        return None
    event = events[0]
    return NextEvent(
        title=event.text("title"), url=public_url("events.event_page", slug=event.slug),
        when=format_span(event.starts_at, event.ends_at, event.timezone))

