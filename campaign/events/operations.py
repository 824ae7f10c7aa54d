"""Organisers' writes on events: create, edit, publish, postpone, resume, cancel.

A change of time or place bumps ``sequence`` (the iCalendar SEQUENCE) and e-mails everyone
confirmed or waitlisted what changed; other changes a calendar shows (texts, status) bump it
without mail, except postponing and cancelling, which are e-mailed too.
"""
from datetime import UTC

import sqlalchemy as sa

from campaign.core.database import check_slug_free
from campaign.events import queries, signals
from campaign.events.models import Event, EventStatus
from campaign.events.rsvps import lock_event, promote_from_waitlist
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.mailing.models import MessageStatus, OutboxMessage

EVENT_FIELDS = ("slug", "starts_at", "ends_at", "timezone", "address_lines", "postcode", "city",
                "country", "latitude", "longitude", "capacity", "max_guests", "rsvp_deadline",
                "contact_name", "contact_email", "reminder_offsets")
MOMENTS = ("starts_at", "ends_at", "rsvp_deadline")
TEXT_FIELDS = ("title", "description", "place_notes", "venue_name")


def create_event(campaign, *, texts: dict, published: bool = False, **fields) -> Event:
    """Create an event of *campaign* with its text in each language given."""
    event = Event(campaign=campaign, published=published, status=EventStatus.SCHEDULED,
                  sequence=0)
    _apply(event, texts, fields)
    db.session.add(event)
    db.session.flush()
    return event


def update_event(event: Event, *, texts: dict, **fields) -> dict:
    """Change an event; returns what attendees were told changed ({} when nothing was)."""
    event = lock_event(event)
    # What attendees last heard: the state before a change whose mail has not gone out yet.
    told = {"time": _time(event), "place": event.place(), **_unsent_change_origins(event)}
    before_texts = _texts(event)
    _apply(event, texts, fields)
    db.session.flush()
    changes = {}
    if _time(event)[:2] != told["time"][:2]:  # a new zone alone does not move the event
        changes["time"] = {"old": told["time"], "new": _time(event)}
    if _place_changed(told["place"], event.place()):
        changes["place"] = {"old": told["place"], "new": event.place()}
    if changes or _texts(event) != before_texts or _unsent_change_origins(event):
        event.sequence += 1  # also makes the unsent mails of the earlier change stale
    if changes:
        _tell_everyone(event, "event_changed", {"changes": changes, "sequence": event.sequence})
    if "time" in changes:
        signals.times_changed.send(event)  # reminders queued but unsent move with it
    promote_from_waitlist(event)
    db.session.flush()
    return changes


def set_published(event: Event, published: bool) -> bool:
    """Show the event's page to visitors, or hide it again; False when it already was."""
    if event.published == published:
        return False
    event.published = published
    event.campaign.touch()
    db.session.flush()
    return True


def postpone_event(event: Event) -> bool:
    """Mark a scheduled event postponed (new date to follow) and tell everyone."""
    return _set_status(event, EventStatus.SCHEDULED, EventStatus.POSTPONED, "event_postponed")


def resume_event(event: Event) -> bool:
    """Put a postponed event back on the calendar and tell everyone when it is."""
    return _set_status(event, EventStatus.POSTPONED, EventStatus.SCHEDULED, "event_changed",
                       {"changes": {"resumed": True}})


def cancel_event(event: Event) -> bool:
    """Cancel the event (final: RSVP closes) and tell everyone."""
    if event.is_cancelled:
        return False
    return _set_status(event, event.status, EventStatus.CANCELLED, "event_cancelled")


def _set_status(event, expected, new, kind, payload=None) -> bool:
    event = lock_event(event)
    if event.status != expected:
        return False
    event.status = new
    event.sequence += 1
    event.campaign.touch()
    _tell_everyone(event, kind, payload or {})
    signals.status_changed.send(event)  # cancelled or postponed: queued reminders too
    db.session.flush()
    return True


def _apply(event: Event, texts: dict, fields: dict) -> None:
    check_slug_free(Event, fields.get("slug", event.slug), event.id)
    for name in EVENT_FIELDS:
        if name in fields:
            value = fields[name]
            if name in MOMENTS and value is not None:
                value = value.astimezone(UTC)
            setattr(event, name, value)
    event.contact_email = (event.contact_email or "").strip().lower() or None
    event.contact_name = (event.contact_name or "").strip() or None
    for lang, values in texts.items():
        event.set_text(lang, **{k: v for k, v in values.items() if k in TEXT_FIELDS})
    event.campaign.touch()


def _time(event: Event) -> list[str]:
    return [event.starts_at.astimezone(UTC).isoformat(), event.ends_at.astimezone(UTC).isoformat(),
            event.timezone]


def _texts(event: Event) -> dict:
    return {lang: tuple(getattr(row, f) for f in TEXT_FIELDS)
            for lang, row in event.translations.items()}


def _place_changed(old: dict, new: dict) -> bool:
    """A move of the place; adding a venue name in one more language is not one."""
    if any(old[key] != new[key] for key in old if key != "venue_name"):
        return True
    return any(new["venue_name"].get(lang) != name for lang, name in old["venue_name"].items()
               if lang in new["venue_name"])


def _unsent_change_origins(event: Event) -> dict:
    """{"time"/"place": the value before the change} of a change e-mail still queued."""
    row = db.session.scalar(
        sa.select(OutboxMessage)
        .where(OutboxMessage.key.startswith(f"event_changed:event-{event.id}:", autoescape=True),
               OutboxMessage.status == MessageStatus.QUEUED)
        .order_by(OutboxMessage.id).limit(1))
    changes = (row.payload or {}).get("changes", {}) if row is not None else {}
    return {aspect: change["old"] for aspect, change in changes.items()
            if aspect in ("time", "place")}


def _tell_everyone(event: Event, kind: str, payload: dict) -> int:
    """E-mail everyone confirmed or waitlisted (not after the event is over)."""
    if event.is_over:
        return 0
    count = 0
    for rsvp_id, email, lang in queries.recipients(event):
        count += outbox.enqueue(kind, to=email, lang=lang,
                                key=f"{kind}:event-{event.id}:seq-{event.sequence}:rsvp-{rsvp_id}",
                                payload={**payload, "rsvp_id": rsvp_id},
                                campaign_id=event.campaign_id)
    return count


def duplicate_event(event: Event) -> Event:
    """A copy of *event* to edit into the next one: same place, times and texts, no RSVPs,
    unpublished, at a free address ("…-copy", "…-copy-2")."""
    base, n = event.slug[:70] + "-copy", 1
    slug = base
    while db.session.scalar(sa.select(Event.id).where(Event.slug == slug)) is not None:
        n += 1
        slug = f"{base}-{n}"
    fields = {name: getattr(event, name) for name in EVENT_FIELDS}
    texts = {lang: {f: getattr(row, f) for f in TEXT_FIELDS}
             for lang, row in event.translations.items()}
    return create_event(event.campaign, texts=texts, **{**fields, "slug": slug})
