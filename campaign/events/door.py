"""Organiser pages for the door: find a person by name, check them in. First names and guest
counts only: the door role never sees an address, a list to copy, or a way to write to anyone.

A door member sees only the events an owner chose for them (``organisers.door_events``; the
guard answers 404 for the others); owners and organisers see every event.
"""
import sqlalchemy as sa
from flask import render_template, request

from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.events import queries
from campaign.events.forms import status_labels
from campaign.events.models import Event
from campaign.extensions import db
from campaign.organisers import access

bp = organiser_blueprint("door", __name__, url_prefix="/organiser/events")
bp.context_processor(status_labels)


@bp.get("/campaign/<int:campaign_id>/door")
@access.requires("check_in")
def door_events(campaign_id):
    """List the campaign's events to check people in at (a door member: theirs only)."""
    campaign = campaign_queries.get_campaign(campaign_id)
    chosen = access.door_event_ids(campaign_id)
    events = [event for event in queries.events_of(campaign)
              if chosen is None or event.id in chosen]
    return render_template("events/admin/door_events.html", campaign=campaign, events=events,
                           limited=chosen is not None)


@bp.get("/<int:event_id>/door")
@access.requires("check_in")
def door(event_id):
    """Search the confirmed people by name and check them in."""
    event = queries.get_event(event_id)
    search = request.args.get("q", "").strip()[:200]
    return render_template("events/admin/door.html", event=event, search=search,
                           rows=queries.door_list(event, search or None),
                           totals=queries.totals(event))


def event_choices(campaign_id: int, titles: bool = True) -> list[tuple[int, str | None]]:
    """The campaign's events as an owner picks them for a door volunteer: title and day (in
    the page's language; without *titles*, the ids alone, outside any request)."""
    events = db.session.scalars(sa.select(Event).where(Event.campaign_id == campaign_id)
                                .order_by(Event.starts_at))
    return [(event.id, f"{event.text('title')} ({event.local(event.starts_at):%Y-%m-%d})"
             if titles else None) for event in events]
