"""Reads for event pages, the manage link, attendee lists and exports."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from campaign import clock
from campaign.core import signing
from campaign.core.retention import period
from campaign.events.models import (Event, EventStatus, Rsvp, RsvpRequest, RsvpStatus,
                                     RsvpTally)
from campaign.extensions import db
from campaign.organisers import access

MANAGE_PURPOSE = "rsvp-manage"
CONFIRM_PURPOSE = "rsvp-confirm"
ACTIVE = (RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED)


def get_public_event(slug: str) -> Event:
    """The event visitors may see; organisers also see unpublished ones (a preview).

    :raise 404: when there is no such event, or it or its campaign is not public.
    """
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        abort(404)
    if not (event.published and event.campaign.is_public) and not (
            current_user.is_authenticated and access.may("edit_content", event.campaign_id)):
        abort(404)  # a preview is for those who edit the campaign, not any signed-in account
    return event


def get_event(event_id: int) -> Event:
    """Any event, for organisers. :raise 404: when it does not exist."""
    return db.get_or_404(Event, event_id)


def get_rsvp(event: Event, rsvp_id: int) -> Rsvp:
    """An RSVP of *event*. :raise 404: when it does not exist or belongs to another event."""
    rsvp = db.session.get(Rsvp, rsvp_id)
    if rsvp is None or rsvp.event_id != event.id:
        abort(404)
    return rsvp


def events_of(campaign) -> list[Event]:
    return list(db.session.scalars(
        sa.select(Event).where(Event.campaign_id == campaign.id).order_by(Event.starts_at)))


def door_event_choices(campaign_id: int, titles: bool = True) -> list[tuple[int, str | None]]:
    """The campaign's events as an owner picks them for a door volunteer: title and day (in
    the page's language; without *titles*, the ids alone, outside any request)."""
    if not titles:
        return [(event_id, None) for event_id in db.session.scalars(
            sa.select(Event.id).where(Event.campaign_id == campaign_id)
            .order_by(Event.starts_at))]
    events = db.session.scalars(sa.select(Event).where(Event.campaign_id == campaign_id)
                                .order_by(Event.starts_at))
    return [(event.id, f"{event.text('title')} ({event.local(event.starts_at):%Y-%m-%d})")
            for event in events]


def upcoming_events(campaign) -> list[Event]:
    """Published events of *campaign* that have not ended, soonest first."""
    return list(db.session.scalars(
        sa.select(Event).where(Event.campaign_id == campaign.id, Event.published.is_(True),
                               Event.ends_at > clock.now()).order_by(Event.starts_at)))


def rsvp_of(event: Event, email: str) -> Rsvp | None:
    """The RSVP of the (normalised) address *email* for *event*, if it has one."""
    return db.session.scalar(sa.select(Rsvp).where(Rsvp.event_id == event.id,
                                                   Rsvp.email == email))


def request_id(event: Event, email: str) -> int | None:
    """The id of the request the (normalised) address *email* holds for *event*."""
    return db.session.scalar(sa.select(RsvpRequest.id).where(RsvpRequest.event_id == event.id,
                                                             RsvpRequest.email == email))


def manage_token(rsvp: Rsvp) -> str:
    """The manage link's token: the RSVP's random key, signed (no address, no id)."""
    return signing.make_token(MANAGE_PURPOSE, rsvp.manage_key)


def rsvp_from_token(token: str) -> Rsvp:
    """The RSVP a manage link is for.

    :raise signing.InvalidToken: tampered, unknown, or (``expired=True``) the event has ended.
    """
    try:
        key = signing.read_token(MANAGE_PURPOSE, token)
        rsvp = db.session.scalar(sa.select(Rsvp).where(Rsvp.manage_key == key)) \
            if isinstance(key, str) else None
    except signing.InvalidToken:
        rsvp = _rsvp_from_old_token(token)
    if rsvp is None:
        raise signing.InvalidToken()
    if rsvp.event.is_over:
        raise signing.InvalidToken(expired=True)
    return rsvp


def _rsvp_from_old_token(token: str) -> Rsvp | None:
    """Links mailed before issue 14 signed [id, key] under "rsvp"; they keep working (they
    were signed, so no less safe than before) until their events end. Remove once every
    event with such links is over."""
    try:
        data = signing.read_token("rsvp", token)
    except signing.InvalidToken:
        return None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int)
            and 0 < data[0] < 2**31):
        return None
    rsvp = db.session.get(Rsvp, data[0])
    return rsvp if rsvp is not None and rsvp.manage_key == data[1] else None


def confirm_token(request: RsvpRequest) -> str:
    """The confirmation link's token: the request's random key, signed."""
    return signing.make_token(CONFIRM_PURPOSE, request.link_key)


def request_from_token(token: str) -> RsvpRequest:
    """The request a confirmation link is for.

    :raise signing.InvalidToken: tampered, unknown (purged or renewed), or expired.
    """
    max_age = int(period("RSVP_CONFIRM_HOURS").total_seconds())
    key = signing.read_token(CONFIRM_PURPOSE, token, max_age=max_age)
    request = db.session.scalar(sa.select(RsvpRequest).where(RsvpRequest.link_key == key)) \
        if isinstance(key, str) else None
    if request is None:
        raise signing.InvalidToken()
    if request.is_expired or request.event.is_over:
        raise signing.InvalidToken(expired=True)
    return request


def seats_taken(event: Event, excluding: Rsvp | None = None) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(1 + Rsvp.guests), 0)).where(
        Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.CONFIRMED)
    if excluding is not None and excluding.id is not None:
        query = query.where(Rsvp.id != excluding.id)
    return int(db.session.scalar(query))


def free_seats(event: Event, excluding: Rsvp | None = None) -> int | None:
    """Seats still free (never below 0); None when the event has no capacity."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - seats_taken(event, excluding))


def waitlist_order():
    return (Rsvp.waitlisted_at, Rsvp.id)


def waitlist(event: Event) -> list[Rsvp]:
    return list(db.session.scalars(
        sa.select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.WAITLISTED)
        .order_by(*waitlist_order())))


def waitlist_position(rsvp: Rsvp) -> int | None:
    """1 for the head of the waiting list; None when the RSVP is not waitlisted."""
    if rsvp.status != RsvpStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(sa.select(sa.func.count()).select_from(Rsvp).where(
        Rsvp.event_id == rsvp.event_id, Rsvp.status == RsvpStatus.WAITLISTED,
        sa.tuple_(Rsvp.waitlisted_at, Rsvp.id) < sa.tuple_(rsvp.waitlisted_at, rsvp.id)))
    return ahead + 1


@dataclass
class Totals:
    confirmed_people: int = 0
    confirmed_seats: int = 0
    waitlisted_people: int = 0
    waitlisted_seats: int = 0
    cancelled_people: int = 0
    checked_in: int = 0


def totals(event: Event) -> Totals:
    """People and seats per status (from the event's tally, which the database keeps with
    every change of seats), and how many were checked in (read from their index): as fast
    at 100k RSVPs as at 10 until the door opens."""
    rows = db.session.execute(sa.select(RsvpTally.status, RsvpTally.people, RsvpTally.seats)
                              .where(RsvpTally.event_id == event.id))
    result = Totals()
    for status, people, seats in rows:
        if status == RsvpStatus.CONFIRMED:
            result.confirmed_people, result.confirmed_seats = people, seats
        elif status == RsvpStatus.WAITLISTED:
            result.waitlisted_people, result.waitlisted_seats = people, seats
        else:
            result.cancelled_people = people
    result.checked_in = db.session.scalar(sa.select(sa.func.count()).where(
        Rsvp.event_id == event.id, Rsvp.checked_in_at.is_not(None),
        Rsvp.status != RsvpStatus.CANCELLED))
    return result


@dataclass(frozen=True)
class DoorRow:
    """What the door sees of a person: a first name, guests, whether they arrived."""
    id: int
    first_name: str
    guests: int
    checked_in: bool


def door_list(event: Event, search: str | None = None, limit: int = 60) -> list[DoorRow]:
    """Confirmed people for the door, by name (the list's order and index): searched by name
    only (never by address)."""
    query = sa.select(Rsvp.id, Rsvp.name, Rsvp.guests, Rsvp.checked_in_at).where(
        Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.CONFIRMED)
    if search:
        query = query.where(Rsvp.name.icontains(search, autoescape=True))
    rows = db.session.execute(query.order_by(Rsvp.sort_key, Rsvp.id).limit(limit))
    return [DoorRow(row.id, (row.name.split() or [""])[0], row.guests,
                    row.checked_in_at is not None) for row in rows]


def recipients(event: Event) -> list[tuple[int, str, str]]:
    """(id, e-mail, language) of everyone confirmed or waitlisted."""
    return list(db.session.execute(
        sa.select(Rsvp.id, Rsvp.email, Rsvp.lang)
        .where(Rsvp.event_id == event.id, Rsvp.status.in_(ACTIVE)).order_by(Rsvp.id)))


def feed_events(campaign, since) -> list[Event]:
    """Published events for the campaign's calendar feed: those ending after *since*;
    cancelled ones only while their cancellation is also more recent than *since* (cancelling
    an event that dropped out of the feed long ago must not put it back into calendars)."""
    cancelled = Event.status == EventStatus.CANCELLED
    return list(db.session.scalars(
        sa.select(Event).where(
            Event.campaign_id == campaign.id, Event.published.is_(True),
            Event.ends_at >= since, sa.or_(~cancelled, Event.updated_at >= since))
        .order_by(Event.starts_at, Event.id)))


def rsvps_of_address(email: str) -> list[Rsvp]:
    """Every RSVP held for the (normalised) address, in every campaign, newest first."""
    return list(db.session.scalars(sa.select(Rsvp).where(Rsvp.email == email)
                                   .order_by(Rsvp.created_at.desc(), Rsvp.id.desc())))


def requests_of_address(email: str) -> list[RsvpRequest]:
    """Unconfirmed RSVPs (requests) held for the address until their link expires."""
    return list(db.session.scalars(sa.select(RsvpRequest).where(RsvpRequest.email == email)
                                   .order_by(RsvpRequest.id)))
