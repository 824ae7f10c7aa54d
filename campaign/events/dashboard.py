"""What events add to the organisers' dashboard: RSVPs, the waiting list, check-ins, gaps."""
import sqlalchemy as sa
from flask_babel import gettext as _

from campaign import clock
from campaign.campaigns.figures import Figure, Gap, missing_languages
from campaign.events import queries
from campaign.events.models import Event, EventStatus, Rsvp, RsvpStatus
from campaign.extensions import db
from campaign.organisers import access


def figures(campaign) -> list[Figure]:
    """People (not seats) over the campaign's events that have not ended; for a door
    member, check-ins at the events chosen for them, and nothing of the others."""
    chosen = access.door_event_ids(campaign.id)
    if chosen is not None:
        return door_figures(chosen)
    rows = dict(db.session.execute(
        sa.select(Rsvp.status, sa.func.count()).join(Event)
        .where(Event.campaign_id == campaign.id, Event.ends_at > clock.now(),
               Event.status != EventStatus.CANCELLED)
        .group_by(Rsvp.status)).all())
    checked_in = db.session.scalar(
        sa.select(sa.func.count(Rsvp.checked_in_at)).join(Event)
        .where(Event.campaign_id == campaign.id, Rsvp.status != RsvpStatus.CANCELLED)) or 0
    return [Figure(_("RSVPs"), rows.get(RsvpStatus.CONFIRMED, 0), note=_("coming events")),
            Figure(_("Waiting list"), rows.get(RsvpStatus.WAITLISTED, 0)),
            Figure(_("Checked in"), checked_in)]


def door_figures(event_ids: set[int]) -> list[Figure]:
    checked_in = db.session.scalar(
        sa.select(sa.func.count(Rsvp.checked_in_at))
        .where(Rsvp.event_id.in_(event_ids), Rsvp.status != RsvpStatus.CANCELLED)) or 0
    return [Figure(_("Your events at the door"), len(event_ids), power="check_in"),
            Figure(_("Checked in"), checked_in, power="check_in", note=_("at your events"))]


def gaps(campaign) -> list[Gap]:
    return [Gap(_("Event: %(title)s", title=event.text("title")), missing)
            for event in queries.events_of(campaign)
            if (missing := missing_languages(event, campaign.languages))]
