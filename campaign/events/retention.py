"""Retention of RSVPs: personal data goes ``RETAIN_RSVP_DAYS`` after the event ended.

The rows stay, without name or address, so the organisers' figures (people and seats per
status, checked in) stay right; see :mod:`campaign.core.retention` for every setting.
"""
import sqlalchemy as sa

from campaign.core.names import sort_key
from campaign.core.retention import period
from campaign.events.models import Event, Rsvp, RsvpRequest
from campaign.extensions import db

#: What an erased RSVP's address becomes: unique per row (one RSVP per address and event)
#: and never deliverable (.invalid is reserved, RFC 2606).
ERASED_DOMAIN = "erased.invalid"


def erase_past_rsvps(now) -> int:
    """The scheduling step: erase the RSVPs of events that ended RETAIN_RSVP_DAYS ago."""
    ended = sa.select(Event.id).where(Event.ends_at <= now - period("RETAIN_RSVP_DAYS"))
    ids = sa.select(Rsvp.id).where(Rsvp.event_id.in_(ended), Rsvp.erased_at.is_(None))
    return erase_ids(ids, now)


def erase_ids(ids, now) -> int:
    """Erase the RSVPs whose ids *ids* (a select or a list) gives, as of *now*."""
    return db.session.execute(
        sa.update(Rsvp).where(Rsvp.id.in_(ids), Rsvp.erased_at.is_(None))
        .values(name="", sort_key=sort_key(""), wants_updates=False, erased_at=now,
                email=sa.literal("rsvp-") + sa.cast(Rsvp.id, sa.String)
                + sa.literal("@" + ERASED_DOMAIN)),
        execution_options={"synchronize_session": False}).rowcount


def erase_rsvp(rsvp: Rsvp, now) -> None:
    """Erase one RSVP at its owner's request: an RSVP for an event to come is cancelled first
    (its seats go to the waiting list), then name and address go, and the mail about it;
    the figures stay."""
    from campaign.events.rsvps import cancel_rsvp, erase_mail_of

    if rsvp.is_active and not rsvp.event.is_over:
        cancel_rsvp(rsvp, notify=False)
    erase_mail_of(rsvp)
    erase_ids([rsvp.id], now)
    db.session.execute(sa.delete(RsvpRequest).where(RsvpRequest.email == rsvp.email,
                                                    RsvpRequest.event_id == rsvp.event_id))
