"""Event reminders: each confirmed attendee, at each of the event's offsets, once.

The scheduling step looks at events whose reminder times have come (within
:data:`timing.LOOKBACK`) and enqueues one row per (event, offset, RSVP) with the key
``event_reminder:event-<id>:<offset>:rsvp-<id>``: a second run, a second worker or a re-run
after a crash finds the key and writes nothing. Only people confirmed *at* the reminder's time
are reminded, so an RSVP made later does not get it late. Moving the event changes when the
step finds a reminder due; :func:`follow_event` re-times rows queued but not yet sent and
cancels them when the event is cancelled or postponed.
"""
import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from campaign.core.i18n import format_moment
from campaign.events.mail import rsvp_context
from campaign.events.models import Event, EventStatus, Rsvp, RsvpStatus, parse_offsets
from campaign.extensions import db
from campaign.mailing import kinds, outbox
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.reminders import timing

KIND = "event_reminder"


def offset_code(offset: dt.timedelta) -> str:
    """1 day → "P1D", 2 hours → "PT2H", 90 minutes → "PT1H30M" (the form events store)."""
    days, seconds = offset.days, offset.seconds
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else ("" if days else "T0M"))


def reminder_time(event: Event, offset: dt.timedelta) -> dt.datetime:
    """When the reminder *offset* before the start goes out. Whole days count on the wall
    clock of the event's zone ("1 day before" a Sunday 12:00 is Saturday 12:00, also when summer
    time begins in between); hours and minutes are exact."""
    days = dt.timedelta(days=offset.days)
    wall = event.starts_at.astimezone(event.zone).replace(tzinfo=None) - days
    return wall.replace(tzinfo=event.zone).astimezone(dt.UTC) - (offset - days)


def key_prefix(event_id: int, offset: dt.timedelta | None = None) -> str:
    prefix = f"{KIND}:event-{event_id}:"
    return prefix if offset is None else f"{prefix}{offset_code(offset)}:rsvp-"


def enqueue_event_reminders(now: dt.datetime) -> int:
    """Enqueue every event reminder due by *now*; log the ones found too late as skipped."""
    written = 0
    events = db.session.scalars(sa.select(Event).where(
        Event.status == EventStatus.SCHEDULED, Event.starts_at > now - timing.LOOKBACK))
    for event in events:
        for offset in event.reminder_deltas:
            due = reminder_time(event, offset)
            if timing.in_lookback(due, now):
                written += _enqueue(event, offset, due, now)
    return written


def _enqueue(event: Event, offset: dt.timedelta, due: dt.datetime, now: dt.datetime) -> int:
    """One row per attendee confirmed by *due* who has none yet for this reminder (one
    statement for the event's attendees)."""
    skipped = None
    if timing.is_late(due, now):
        skipped = timing.skip_reason(due)
    elif event.starts_at <= now:
        skipped = timing.skip_reason(due, "Not sent: the event had already started when the "
                                          "mail worker ran.")
    prefix = key_prefix(event.id, offset)
    key = sa.literal(prefix) + sa.cast(Rsvp.id, sa.String)
    attendees = db.session.execute(sa.select(Rsvp.id, Rsvp.email, Rsvp.lang).where(
        Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.CONFIRMED,
        sa.or_(Rsvp.confirmed_at.is_(None), Rsvp.confirmed_at <= due),
        ~sa.exists().where(OutboxMessage.key == key)).order_by(Rsvp.id)).all()
    return outbox.enqueue_many([
        outbox.row(KIND, to=email, lang=lang, key=f"{prefix}{rsvp_id}",
                   payload={"rsvp_id": rsvp_id, "offset": offset_code(offset)},
                   due_at=due, campaign_id=event.campaign_id, skipped=skipped)
        for rsvp_id, email, lang in attendees])


def follow_event(event: Event) -> int:
    """After a change of time or status: re-time this event's reminders still queued, or
    cancel them when the event no longer takes place as planned. Returns rows changed."""
    rows = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.key.startswith(key_prefix(event.id), autoescape=True),
        OutboxMessage.status == MessageStatus.QUEUED)).all()
    for row in rows:
        if event.status != EventStatus.SCHEDULED:
            row.status = MessageStatus.CANCELLED
            row.last_error = f"Not sent: the event was {event.status.value}."
            continue
        [offset] = parse_offsets(row.payload["offset"])
        row.due_at = row.next_attempt_at = reminder_time(event, offset)
    db.session.flush()
    return len(rows)


def load_event_reminder(payload: dict) -> dict | None:
    """The reminder's context, or None when the person or the event is no longer coming."""
    rsvp = db.session.get(Rsvp, payload.get("rsvp_id") or 0)
    if rsvp is None or rsvp.status != RsvpStatus.CONFIRMED:
        return None
    event = rsvp.event
    if event.status != EventStatus.SCHEDULED or event.has_started:
        return None
    return {**rsvp_context(rsvp, with_ics=True),
            "start": format_moment(event.starts_at, event.timezone, weekday=True)}


MAIL_KIND = kinds.MailKind(KIND, subject=_l("Reminder: %(title)s, %(start)s"),
                           load=load_event_reminder, transactional=False,
                   label=_l("Event reminder"))
