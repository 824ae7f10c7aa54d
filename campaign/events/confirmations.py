"""Public RSVPs wait for their owner: the request, the link that confirms it, the clean-up.

What an unconfirmed RSVP holds: nothing on the event. It is an :class:`RsvpRequest` row,
outside the attendee list, the seat count and every audience; confirming it (a POST from the
page its link opens) makes the RSVP, with a seat if one is free at that moment, else on the
waiting list, so late confirmations never overbook an event. Its link works for
``RSVP_CONFIRM_HOURS``; then the row and the mail that carried it are deleted.

No oracle: :func:`request_rsvp` does the same work for every address, registered or not —
one upsert of the request row, one outbox row — and never reads the attendee list. Whether
the address is registered is decided by the mail worker when it renders the message: a
registered address gets its manage link ("you are already registered"), a new one the
confirmation link. Only the manage link changes or revives an RSVP.
"""
import hashlib
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from campaign import clock
from campaign.core.retention import period
from campaign.events import queries
from campaign.events.models import Rsvp, RsvpRequest, RsvpStatus, _link_key, normalise_email
from campaign.events.rsvps import lock_event, promote_from_waitlist, seat
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.mailing.models import OutboxMessage

KIND = "rsvp_request"
#: Mails one request row may cause (the first included), at least this many minutes apart.
RESEND_MAX = 5
RESEND_INTERVAL = timedelta(minutes=10)
#: Values taken afresh when an expired row is reused by a new request.
_RENEWED = ("link_key", "name", "guests", "lang", "wants_updates", "consent_version",
            "created_at", "expires_at")


def request_rsvp(event, *, name: str, email: str, guests: int, lang: str,
                 wants_updates: bool, consent_version: str) -> None:
    """Record a request to attend and queue its one e-mail (link or manage link).

    :raise email_validator.EmailNotValidError: when *email* is not an address.
    """
    now = clock.now()
    email = normalise_email(email)
    values = dict(event_id=event.id, email=email, name=name, guests=guests, lang=lang,
                  wants_updates=bool(wants_updates), consent_version=consent_version,
                  link_key=_link_key(), created_at=now,
                  expires_at=now + period("RSVP_CONFIRM_HOURS"), mails_sent=1,
                  last_mailed_at=now, rsvp_id=None)
    row = db.session.execute(_upsert(now), values).first()
    if row is None:  # mailed lately or often: an outbox row all the same (the same work)
        outbox.enqueue(KIND, to=email, lang=lang, key=f"{KIND}:throttled:{uuid.uuid4().hex}",
                       campaign_id=event.campaign_id, skipped="throttled")
        return
    # The key names the link without holding it (the link key is half of a working link).
    link_ref = hashlib.blake2b(row.link_key.encode(), digest_size=8).hexdigest()
    outbox.enqueue(KIND, to=email, lang=lang, key=f"{KIND}:{row.id}:{link_ref}:{row.mails_sent}",
                   payload={"request_id": row.id}, campaign_id=event.campaign_id)


def resend(request_id: int) -> None:
    """Send a request's mail again ("no e-mail?"): the same write, and the same throttle, as
    sending the form again with what was typed (nothing when the request is gone)."""
    request = db.session.get(RsvpRequest, request_id)
    if request is None:
        return
    request_rsvp(request.event, name=request.name, email=request.email, guests=request.guests,
                 lang=request.lang, wants_updates=request.wants_updates,
                 consent_version=request.consent_version)


def _upsert(now):
    """INSERT the request; on (event, address) conflict renew an expired row, or count one
    more mail on a live one unless it is throttled (then RETURNING gives no row). One
    statement, so racing requests and the throttle cannot disagree."""
    table = RsvpRequest.__table__
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    old, new = table.c, insert.excluded
    expired = old.expires_at <= new.created_at
    renewed = {name: sa.case((expired, new[name]), else_=old[name]) for name in _RENEWED}
    quiet_since = now - RESEND_INTERVAL
    return insert.on_conflict_do_update(
        index_elements=["event_id", "email"],
        set_={**renewed, "rsvp_id": sa.case((expired, sa.null()), else_=old.rsvp_id),
              "mails_sent": sa.case((expired, 1), else_=old.mails_sent + 1),
              "last_mailed_at": new.last_mailed_at},
        where=sa.or_(expired, sa.and_(old.mails_sent < RESEND_MAX,
                                      old.last_mailed_at <= quiet_since)),
    ).returning(table.c.id, table.c.link_key, table.c.mails_sent)


def confirm(request: RsvpRequest) -> Rsvp | None:
    """Turn a request into an RSVP (a seat if one is free now, else the waiting list) and
    queue its confirmation; an address already registered keeps its RSVP unchanged.
    Returns the RSVP, or None when registration has closed meanwhile."""
    event = lock_event(request.event)
    db.session.refresh(request)
    rsvp = queries.rsvp_of(event, request.email)
    if rsvp is None:
        if not event.rsvp_open:
            return None
        rsvp = Rsvp(event_id=event.id, email=request.email, name=request.name,
                    guests=request.guests, lang=request.lang, source="form",
                    wants_updates=request.wants_updates, status=RsvpStatus.CANCELLED,
                    consent_version=request.consent_version, consented_at=clock.now(),
                    submissions=1)
        db.session.add(rsvp)
        seat(event, rsvp, request.guests)
        db.session.flush()
        promote_from_waitlist(event, quiet={rsvp.id})
        outbox.enqueue("rsvp_confirmation", to=rsvp.email, lang=rsvp.lang,
                       key=f"rsvp_confirmation:rsvp-{rsvp.id}:1",
                       payload={"rsvp_id": rsvp.id, "updated": False, "refused_guests": None},
                       campaign_id=event.campaign_id)
    request.rsvp_id = rsvp.id
    db.session.flush()
    return rsvp


def purge_expired(now) -> int:
    """Delete requests whose link has expired, and every request mail older than a link's
    life (its link no longer works; the mail promised nothing is kept)."""
    deleted = db.session.execute(sa.delete(RsvpRequest).where(
        RsvpRequest.expires_at <= now)).rowcount
    db.session.execute(sa.delete(OutboxMessage).where(
        OutboxMessage.kind == KIND, OutboxMessage.created_at <= now - period("RSVP_CONFIRM_HOURS"),
        OutboxMessage.status != "sending"))
    return deleted
