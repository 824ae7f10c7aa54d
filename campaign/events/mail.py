"""The e-mails of events and RSVPs: their kinds and what each needs at send time.

Each loader returns None when the message no longer applies (the RSVP was removed, cancelled,
or the event changed again), so the outbox cancels it instead of sending something stale.
Confirmations carry the event as an .ics file under ``attachments`` (filename, type, bytes)
for the worker to attach; a confirmed place also carries its ticket: the check-in code, typed
out, and its QR code as a PNG under ``inline_images``, which the HTML shows as ``cid:`` (mail
programs block images from the web by default and show no inline SVG; an attached image shows
everywhere, also offline at the door).
"""
import datetime as dt

from flask import current_app
from flask_babel import lazy_gettext as _l

from campaign.core.i18n import current_language, format_span
from campaign.events import ical, place, tickets
from campaign.events.models import EventStatus, Rsvp, RsvpRequest, RsvpStatus
from campaign.extensions import db
from campaign.mailing import kinds


def event_context(event, lang: str) -> dict:
    """What every event e-mail shows: title, when, where, contact, the page's slug."""
    contact_name, contact_email = event.contact
    return {"event": event, "title": event.text("title", lang),
            "when": format_span(event.starts_at, event.ends_at, event.timezone),
            "where": place.event_place_lines(event, lang),
            "place_notes": event.text("place_notes", lang),
            "contact_name": contact_name, "contact_email": contact_email}


def _ics_attachment(event, lang: str) -> list[tuple[str, str, bytes]]:
    data = ical.event_to_ical(event, lang, current_app.config["BASE_URL"])
    return [(f"{event.slug}.ics", "text/calendar; method=PUBLISH; charset=utf-8", data)]


def _rsvp(payload: dict, *statuses) -> Rsvp | None:
    rsvp = db.session.get(Rsvp, payload.get("rsvp_id") or 0)
    if rsvp is None or (statuses and rsvp.status not in statuses):
        return None
    return rsvp


def rsvp_context(rsvp: Rsvp, with_ics: bool = False) -> dict:
    """What an e-mail to one attendee shows (in the current language): the event's facts, the
    RSVP, its manage-link token, waitlist position and, with *with_ics*, the .ics attached.
    Other domains' mail about an RSVP (reminders) builds on it."""
    from campaign.events import queries

    lang = current_language()
    context = {**event_context(rsvp.event, lang), "rsvp": rsvp,
               "token": queries.manage_token(rsvp),
               "position": queries.waitlist_position(rsvp)}
    if with_ics:
        context["attachments"] = _ics_attachment(rsvp.event, lang)
    return context


TICKET_IMAGE = "ticket-qr@campaign"


def with_ticket(context: dict) -> dict:
    """*context* plus the RSVP's ticket when it holds a place (see the module's docstring)."""
    rsvp = context["rsvp"]
    if rsvp.status != RsvpStatus.CONFIRMED:
        return context
    return {**context, "checkin_code": tickets.display(rsvp.checkin_code),
            "ticket_image": TICKET_IMAGE,
            "inline_images": [(TICKET_IMAGE, "image/png", tickets.qr_png(rsvp.checkin_code))]}


def load_request(payload: dict) -> dict | None:
    """Decided at send time, not by the form (see events/confirmations.py): a registered
    address gets its manage link, a new one the link that confirms its request."""
    from campaign.core.retention import period
    from campaign.events import queries

    request = db.session.get(RsvpRequest, payload.get("request_id") or 0)
    if request is None or request.is_expired or request.event.is_over:
        return None
    rsvp = queries.rsvp_of(request.event, request.email)
    if rsvp is not None:
        return {**rsvp_context(rsvp), "registered": True}
    if not request.event.rsvp_open:
        return None
    hours = int(period("RSVP_CONFIRM_HOURS").total_seconds() // 3600)
    return {**event_context(request.event, current_language()), "registered": False,
            "pending": request, "confirm_token": queries.confirm_token(request),
            "hours": hours}


def load_confirmation(payload: dict) -> dict | None:
    rsvp = _rsvp(payload, RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
    if rsvp is None or rsvp.event.is_cancelled:
        return None
    return {**with_ticket(rsvp_context(rsvp, with_ics=True)),
            "updated": payload.get("updated", False),
            "refused_guests": payload.get("refused_guests")}


def load_promoted(payload: dict) -> dict | None:
    rsvp = _rsvp(payload, RsvpStatus.CONFIRMED)
    if rsvp is None or rsvp.event.is_cancelled:
        return None
    return with_ticket(rsvp_context(rsvp, with_ics=True))


def load_cancelled(payload: dict) -> dict | None:
    rsvp = _rsvp(payload, RsvpStatus.CANCELLED)
    return None if rsvp is None else rsvp_context(rsvp)


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def load_event_changed(payload: dict) -> dict | None:
    rsvp = _rsvp(payload, RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
    if rsvp is None or rsvp.event.status != EventStatus.SCHEDULED:
        return None
    if payload.get("sequence", rsvp.event.sequence) != rsvp.event.sequence:
        return None  # changed again since: the newer e-mail tells old → newest
    lang, event = current_language(), rsvp.event
    changes = payload.get("changes") or {}
    context = {**rsvp_context(rsvp, with_ics=True), "resumed": changes.get("resumed", False)}
    if "time" in changes:
        old, new = changes["time"]["old"], changes["time"]["new"]
        context["old_when"] = format_span(_moment(old[0]), _moment(old[1]), old[2])
        context["new_when"] = format_span(_moment(new[0]), _moment(new[1]), new[2])
    if "place" in changes:
        context["old_where"] = place.place_lines(changes["place"]["old"], lang,
                                                 event.fallback_language)
        context["new_where"] = place.place_lines(changes["place"]["new"], lang,
                                                 event.fallback_language)
    return context


def load_event_postponed(payload: dict) -> dict | None:
    rsvp = _rsvp(payload, RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)
    if rsvp is None or rsvp.event.status != EventStatus.POSTPONED:
        return None
    return rsvp_context(rsvp)


def load_event_cancelled(payload: dict) -> dict | None:
    rsvp = _rsvp(payload)
    if rsvp is None or not rsvp.event.is_cancelled:
        return None
    return rsvp_context(rsvp)


KINDS = (
    kinds.MailKind("rsvp_request", subject=_l("Registration for %(title)s"),
                   load=load_request),
    kinds.MailKind("rsvp_confirmation", subject=_l("Your registration: %(title)s"),
                   load=load_confirmation,
                   label=_l("RSVP confirmation")),
    kinds.MailKind("rsvp_promoted", subject=_l("A place is free for you: %(title)s"),
                   load=load_promoted,
                   label=_l("Place from the waiting list")),
    kinds.MailKind("rsvp_cancelled", subject=_l("Registration cancelled: %(title)s"),
                   load=load_cancelled,
                   label=_l("RSVP cancelled")),
    kinds.MailKind("event_changed", subject=_l("Changed: %(title)s"), load=load_event_changed,
                   label=_l("Event changed")),
    kinds.MailKind("event_postponed", subject=_l("Postponed: %(title)s"),
                   load=load_event_postponed,
                   label=_l("Event postponed")),
    kinds.MailKind("event_cancelled", subject=_l("Cancelled: %(title)s"),
                   load=load_event_cancelled,
                   label=_l("Event cancelled")),
)
