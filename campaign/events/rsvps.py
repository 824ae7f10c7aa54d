"""Writes for RSVPs: answer, change, cancel, remove, check in, and the waiting list.

Every function that decides who has a seat first locks the event row (see :func:`lock_event`),
flushes, and enqueues its mail in the same transaction; the caller commits once.
"""
import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from campaign import clock
from campaign.events import queries, signals
from campaign.events.models import Event, Rsvp, RsvpRequest, RsvpStatus, normalise_email
from campaign.core.database import lock_row
from campaign.extensions import db
from campaign.mailing import outbox, retention as mail_retention
from campaign.mailing.models import MessageStatus, OutboxMessage


def lock_event(event: Event) -> Event:
    """Hold the event row until the transaction ends, and read it afresh
    (``core.database.lock_row``)."""
    return lock_row(Event, event.id)


@dataclass
class Answer:
    """What an RSVP submission did (for the caller; the visitor sees the same page anyway)."""

    rsvp: Rsvp
    #: The address had answered before: the RSVP was updated, not created.
    updated: bool
    #: Guests asked for but refused because they did not fit (a confirmed RSVP keeps its seats).
    refused_guests: int | None = None


def submit_rsvp(event: Event, *, name: str, email: str, guests: int, lang: str,
                wants_updates: bool, consent_version: str, source: str = "form",
                notify: bool = True) -> Answer:
    """Record an RSVP without asking its owner (or update this address's RSVP) and queue its
    confirmation: for organisers adding someone by hand and for the demo. The public form
    goes through :func:`campaign.events.confirmations.request_rsvp` instead.

    :raise email_validator.EmailNotValidError: when *email* is not an address.
    """
    email = normalise_email(email)
    event = lock_event(event)
    rsvp = db.session.scalar(sa.select(Rsvp).where(Rsvp.event_id == event.id,
                                                   Rsvp.email == email))
    updated = rsvp is not None
    if rsvp is None:
        rsvp = Rsvp(event_id=event.id, email=email, guests=guests,
                    status=RsvpStatus.CANCELLED, submissions=0)
        db.session.add(rsvp)
    rsvp.submissions += 1
    rsvp.name = name
    if source == "form" or not updated:  # an organiser's edit keeps the person's own consent
        rsvp.lang, rsvp.source, rsvp.wants_updates = lang, source, wants_updates
        rsvp.consent_version, rsvp.consented_at = consent_version, clock.now()
    refused = None if seat(event, rsvp, guests) else guests
    db.session.flush()
    promote_from_waitlist(event, quiet={rsvp.id})
    if notify and not (updated and _confirmed_recently(rsvp)):
        outbox.enqueue("rsvp_confirmation", to=rsvp.email, lang=rsvp.lang,
                       key=f"rsvp_confirmation:rsvp-{rsvp.id}:{rsvp.submissions}",
                       payload={"rsvp_id": rsvp.id, "updated": updated,
                                "refused_guests": refused},
                       campaign_id=event.campaign_id)
    return Answer(rsvp, updated, refused)


#: A known address sent the form again: at most one more confirmation per this many minutes
#: (the form must not become a way to flood someone's inbox; transactional mail ignores the
#: suppression list).
RESEND_INTERVAL = dt.timedelta(minutes=10)


def _confirmed_recently(rsvp: Rsvp) -> bool:
    """Whether this RSVP's last confirmation was queued less than RESEND_INTERVAL ago."""
    last = db.session.scalar(
        sa.select(sa.func.max(OutboxMessage.created_at))
        .where(OutboxMessage.key.startswith(f"rsvp_confirmation:rsvp-{rsvp.id}:",
                                            autoescape=True)))
    return last is not None and clock.now() - last < RESEND_INTERVAL


def seat(event: Event, rsvp: Rsvp, guests: int) -> bool:
    """Set *guests* and the status (a cancelled or new RSVP gets a seat if one is free, else
    joins the waiting list); False when a confirmed RSVP's extra guests do not fit."""
    if rsvp.status == RsvpStatus.CONFIRMED:
        free = queries.free_seats(event, excluding=rsvp)
        if free is not None and 1 + guests > free:
            return False
        rsvp.guests = guests
        return True
    rsvp.guests = guests
    if rsvp.status == RsvpStatus.WAITLISTED:
        return True  # keeps its place; promote_from_waitlist confirms it if it now fits
    free = queries.free_seats(event)
    if free is None or rsvp.seats <= free:
        _confirm(rsvp)
    else:
        rsvp.status, rsvp.waitlisted_at = RsvpStatus.WAITLISTED, clock.now()
        rsvp.cancelled_at = None
    return True


def _confirm(rsvp: Rsvp) -> None:
    rsvp.status, rsvp.confirmed_at = RsvpStatus.CONFIRMED, clock.now()
    rsvp.waitlisted_at = rsvp.cancelled_at = None
    db.session.flush()  # a new RSVP gets its id before the signal reports it
    signals.rsvp_confirmed.send(rsvp)


def promote_from_waitlist(event: Event, quiet: set[int] = frozenset()) -> list[Rsvp]:
    """Confirm waitlisted RSVPs in order, each one that fits (strict FIFO, first who fits).

    The event must be locked. Everyone promoted, except the ids in *quiet*, gets an e-mail.
    Nobody is promoted once the event is cancelled or has started.
    """
    if event.is_cancelled or event.has_started:
        return []
    free = queries.free_seats(event)
    promoted = []
    for rsvp in queries.waitlist(event):
        if free is not None and rsvp.seats > free:
            continue
        _confirm(rsvp)
        promoted.append(rsvp)
        if free is not None:
            free -= rsvp.seats
        if rsvp.id not in quiet:
            outbox.enqueue("rsvp_promoted", to=rsvp.email, lang=rsvp.lang,
                           key=f"rsvp_promoted:rsvp-{rsvp.id}:{rsvp.confirmed_at.isoformat()}",
                           payload={"rsvp_id": rsvp.id}, campaign_id=event.campaign_id)
    db.session.flush()
    return promoted


def change_guests(rsvp: Rsvp, guests: int) -> bool:
    """Change how many guests come; False (nothing changed) when a confirmed RSVP would not fit."""
    event = lock_event(rsvp.event)
    db.session.refresh(rsvp)
    if not rsvp.is_active:
        return False
    if not seat(event, rsvp, guests):
        return False
    db.session.flush()
    promote_from_waitlist(event, quiet={rsvp.id})
    return True


def rejoin_rsvp(rsvp: Rsvp) -> bool:
    """Register a cancelled RSVP again (from its manage link): a seat if one is free, else
    the waiting list; queues the confirmation. False when nothing changed."""
    event = lock_event(rsvp.event)
    db.session.refresh(rsvp)
    if rsvp.is_active or not event.rsvp_open:
        return False
    seat(event, rsvp, rsvp.guests)
    rsvp.submissions += 1
    db.session.flush()
    promote_from_waitlist(event, quiet={rsvp.id})
    outbox.enqueue("rsvp_confirmation", to=rsvp.email, lang=rsvp.lang,
                   key=f"rsvp_confirmation:rsvp-{rsvp.id}:{rsvp.submissions}",
                   payload={"rsvp_id": rsvp.id, "updated": False, "refused_guests": None},
                   campaign_id=event.campaign_id)
    return True


def cancel_rsvp(rsvp: Rsvp, notify: bool = True) -> None:
    """Cancel an RSVP, free its seats for the waiting list, and confirm it by e-mail."""
    event = lock_event(rsvp.event)
    db.session.refresh(rsvp)
    if not rsvp.is_active:
        return
    rsvp.status, rsvp.cancelled_at = RsvpStatus.CANCELLED, clock.now()
    rsvp.waitlisted_at = rsvp.checked_in_at = None
    db.session.flush()
    signals.rsvp_cancelled.send(rsvp)
    promote_from_waitlist(event)
    if notify:
        outbox.enqueue("rsvp_cancelled", to=rsvp.email, lang=rsvp.lang,
                       key=f"rsvp_cancelled:rsvp-{rsvp.id}:{rsvp.cancelled_at.isoformat()}",
                       payload={"rsvp_id": rsvp.id}, campaign_id=event.campaign_id)


def remove_rsvp(rsvp: Rsvp) -> None:
    """Delete an RSVP (an organiser's decision; no e-mail) and let the waiting list move up.
    The mail about it is erased now, not when the mail retention comes round."""
    event = lock_event(rsvp.event)
    erase_mail_of(rsvp)
    db.session.delete(rsvp)
    db.session.flush()
    promote_from_waitlist(event)


def erase_mail_of(rsvp: Rsvp) -> int:
    """Erase the messages about *rsvp* (confirmations, reminders, changes) and about its
    address's requests for the same event: done ones lose address and body, queued ones are
    cancelled. Mail about anything else stays (the person may be on other lists)."""
    requests = sa.select(RsvpRequest.id).where(RsvpRequest.event_id == rsvp.event_id,
                                               RsvpRequest.email == rsvp.email)
    about_request = OutboxMessage.payload["request_id"].as_integer().in_(requests)
    throttled_request = sa.and_(OutboxMessage.kind == "rsvp_request",
                                OutboxMessage.campaign_id == rsvp.event.campaign_id,
                                OutboxMessage.status == MessageStatus.CANCELLED)
    return mail_retention.erase_messages([
        OutboxMessage.to_address == rsvp.email,
        sa.or_(OutboxMessage.payload["rsvp_id"].as_integer() == rsvp.id, about_request,
               throttled_request)])


def set_check_in(rsvp: Rsvp, arrived: bool) -> bool:
    """Mark a person as arrived or not (a state, not a toggle: a double tap changes nothing);
    returns whether they are now checked in."""
    if not rsvp.is_active:
        return False
    if arrived and rsvp.checked_in_at is None:
        rsvp.checked_in_at = clock.now()
    elif not arrived:
        rsvp.checked_in_at = None
    db.session.flush()
    return rsvp.checked_in_at is not None
