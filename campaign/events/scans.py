"""Check-in by the code on a ticket: one scan, or a batch a phone kept while it was offline.

Each scan is idempotent: a person is checked in once, at the earliest moment any scan (or a
tap on the door list) says they arrived, so a batch sent twice, or two phones scanning the same
ticket, count them once. A scan answers what the door needs to see and nothing more: a first
name and guests, never an address. A code of another campaign reads as unknown, so a
volunteer learns nothing about campaigns that are not theirs.
"""
import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from campaign import clock
from campaign.events import tickets
from campaign.events.models import Event, Rsvp, RsvpStatus
from campaign.core.database import lock_row
from campaign.extensions import db
from campaign.organisers import access

#: How far back a phone's clock is believed for a scan it kept offline.
OFFLINE_LIMIT = dt.timedelta(hours=12)
#: Most scans taken in one batch.
BATCH_LIMIT = 200
#: Most people the scanner page can recognise offline (larger events: names once online).
ROSTER_LIMIT = 10_000

CHECKED_IN = "checked_in"      # this scan checked them in
ALREADY = "already"            # someone (or an earlier scan) had checked them in
CANCELLED = "cancelled"        # the person cancelled
WAITLISTED = "waitlisted"      # on the waiting list: no seat
OTHER_EVENT = "other_event"    # a ticket for another event of this campaign
UNKNOWN = "unknown"            # no such ticket here (or not a ticket at all)


@dataclass(frozen=True)
class Scan:
    """What one scan found; *at* is when the person was checked in (UTC), if they are."""
    status: str
    first_name: str = ""
    guests: int = 0
    at: dt.datetime | None = None
    #: The other event's title (status OTHER_EVENT).
    event_title: str = ""


def first_name(rsvp: Rsvp) -> str:
    return (rsvp.name.split() or [""])[0]


def offline_roster(event: Event) -> list[list]:
    """[fingerprint, first name, guests] of each confirmed person: the scanner page names the
    holder of a ticket while the phone is offline (what the door list shows anyway, and no
    code: see tickets.fingerprint)."""
    rows = db.session.execute(
        sa.select(Rsvp.checkin_code, Rsvp.name, Rsvp.guests)
        .where(Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.CONFIRMED,
               Rsvp.erased_at.is_(None))
        .order_by(Rsvp.id).limit(ROSTER_LIMIT))
    return [[tickets.fingerprint(code), (name.split() or [""])[0], guests]
            for code, name, guests in rows]


def scanned_moment(text: str | None, now: dt.datetime) -> dt.datetime:
    """When the phone says it scanned, believed within the last OFFLINE_LIMIT; else now."""
    try:
        moment = dt.datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        return now
    moment = moment.astimezone(dt.UTC)
    return moment if now - OFFLINE_LIMIT <= moment <= now else now


def check_in_by_code(event: Event, code_text: str | None, scanned_at: dt.datetime | None = None
                     ) -> Scan:
    """Check in the holder of the ticket *code_text* at *event*; flushes, the caller commits."""
    code = tickets.normalise(code_text)
    rsvp = None if code is None else db.session.scalar(
        sa.select(Rsvp).where(Rsvp.checkin_code == code))
    if rsvp is None or rsvp.erased_at is not None or rsvp.event.campaign_id != event.campaign_id:
        return Scan(UNKNOWN)
    if rsvp.event_id != event.id:
        given = access.door_event_ids(event.campaign_id)
        if given is not None and rsvp.event_id not in given:
            return Scan(UNKNOWN)  # an event not given to this volunteer does not exist for them
        return Scan(OTHER_EVENT, event_title=rsvp.event.text("title"))
    rsvp = lock_row(Rsvp, rsvp.id)  # two phones scanning one ticket: one after the other
    who = {"first_name": first_name(rsvp), "guests": rsvp.guests}
    if rsvp.status == RsvpStatus.CANCELLED:
        return Scan(CANCELLED, **who)
    if rsvp.status == RsvpStatus.WAITLISTED:
        return Scan(WAITLISTED, **who)
    moment = scanned_at or clock.now()
    before = rsvp.checked_in_at
    if before is None or moment < before:
        rsvp.checked_in_at = moment
        db.session.flush()
    # The same scan sent again (its answer was lost on the way) still reads as this scan's.
    status = CHECKED_IN if before is None or before == moment else ALREADY
    return Scan(status, at=rsvp.checked_in_at, **who)


def check_in_batch(event: Event, batch: list[dict]) -> list[tuple[str, Scan]]:
    """Each ``{"id", "code", "at"}`` checked in, in the order scanned; answers (id, scan) per
    scan so that the phone can forget those that arrived."""
    now = clock.now()
    timed = sorted(((scanned_moment(scan.get("at"), now), number, scan)
                    for number, scan in enumerate(batch[:BATCH_LIMIT])), key=lambda t: t[:2])
    return [(str(scan.get("id", ""))[:64],
             check_in_by_code(event, str(scan.get("code") or ""), moment))
            for moment, _, scan in timed]
