"""The events each door volunteer checks people in at: an owner's choice per membership.

A door member starts with no event (the issue's "check-in for the events the owner chose": a
leaked volunteer password opens nothing the owner did not hand out). The owner ticks events on
the team page, or already in a door invitation. Events sit above organisers in the layers, so
the events domain registers, from its ``init_app``, the function listing a campaign's events
(:func:`register_choices`); the guard (``access``) refuses a door member an event not chosen.
"""
from typing import Callable, Iterable

from flask import has_request_context

from campaign.core import plugins
from campaign.extensions import db
from campaign.organisers import audit
from campaign.organisers.models import DoorEvent, Membership, Organiser


def register_choices(app, choices: Callable) -> None:
    """*choices(campaign_id, titles=True)* → [(event id, title)] of the campaign's events,
    soonest first (titles None when not asked for: no request, no language)."""
    plugins.register(app, "door_event_choices", "events", choices)


def choices(campaign_id: int, titles: bool = True) -> list[tuple[int, str | None]]:
    provider = plugins.registered("door_event_choices").get("events")
    return provider(campaign_id, titles) if provider else []


def event_ids(campaign_id: int) -> list[int]:
    """Every event of the campaign (for an owner ticking them all: the demo, an upgrade)."""
    return [event_id for event_id, _title in choices(campaign_id, titles=False)]


def chosen(membership_id: int) -> set[int]:
    """The event ids of one membership."""
    return set(db.session.scalars(db.select(DoorEvent.event_id).where(
        DoorEvent.membership_id == membership_id)))


def chosen_by_membership(campaign_id: int) -> dict[int, set[int]]:
    """membership id → event ids, for every member of the campaign (one query)."""
    found: dict[int, set[int]] = {}
    for membership_id, event_id in db.session.execute(
            db.select(DoorEvent.membership_id, DoorEvent.event_id)
            .join(Membership, Membership.id == DoorEvent.membership_id)
            .where(Membership.campaign_id == campaign_id)):
        found.setdefault(membership_id, set()).add(event_id)
    return found


def of_organiser(organiser_id: int, campaign_id: int) -> set[int]:
    """The event ids an organiser checks people in at in the campaign."""
    return set(db.session.scalars(
        db.select(DoorEvent.event_id).join(Membership, Membership.id == DoorEvent.membership_id)
        .where(Membership.organiser_id == organiser_id,
               Membership.campaign_id == campaign_id)))


def set_events(membership: Membership, wanted_ids: Iterable[int], *,
               record: bool = True) -> None:
    """Give the member exactly these events of its campaign (others are ignored); audited."""
    found = dict(choices(membership.campaign_id, titles=record and has_request_context()))
    wanted = {int(event_id) for event_id in wanted_ids} & set(found)
    before = chosen(membership.id)
    if wanted == before:
        return
    db.session.execute(db.delete(DoorEvent).where(DoorEvent.membership_id == membership.id))
    db.session.add_all(DoorEvent(membership_id=membership.id, event_id=event_id)
                       for event_id in sorted(wanted))
    if record:
        titles = {event_id: title or f"#{event_id}" for event_id, title in found.items()}
        organiser = db.session.get(Organiser, membership.organiser_id)
        audit.record("door_events_changed", membership.campaign_id, member=organiser.email,
                     events=", ".join(titles[event_id] for event_id in sorted(wanted)) or "—")
    db.session.flush()


def clear(membership: Membership) -> None:
    """Forget the member's events (their role is no longer door)."""
    db.session.execute(db.delete(DoorEvent).where(DoorEvent.membership_id == membership.id))
