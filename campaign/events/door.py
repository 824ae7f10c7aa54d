"""Organiser pages for the door: find a person by name, check them in. First names and guest
counts only: the door role never sees an address, a list to copy, or a way to write to anyone.

The door role covers every event of its campaign (choosing events per volunteer is not built).
"""
from flask import render_template, request

from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.events import queries
from campaign.events.forms import status_labels
from campaign.organisers import access

bp = organiser_blueprint("door", __name__, url_prefix="/organiser/events")
bp.context_processor(status_labels)


@bp.get("/campaign/<int:campaign_id>/door")
@access.requires("check_in")
def door_events(campaign_id):
    """List the campaign's events to check people in at."""
    campaign = campaign_queries.get_campaign(campaign_id)
    return render_template("events/admin/door_events.html", campaign=campaign,
                           events=queries.events_of(campaign))


@bp.get("/<int:event_id>/door")
@access.requires("check_in")
def door(event_id):
    """Search the confirmed people by name and check them in."""
    event = queries.get_event(event_id)
    search = request.args.get("q", "").strip()[:200]
    return render_template("events/admin/door.html", event=event, search=search,
                           rows=queries.door_list(event, search or None),
                           totals=queries.totals(event))
