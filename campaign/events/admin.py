"""Organiser pages for events: list, create, edit, publish, postpone, resume, cancel."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from campaign.core.admin import organiser_blueprint, save_or_slug_taken
from campaign.campaigns import queries as campaign_queries
from campaign.core.forms import fill_language_sections, texts_from
from campaign.events import operations, queries
from campaign.events.forms import ActionForm, EventForm, status_labels, wall_clock
from campaign.extensions import db
from campaign.organisers import navigation
from campaign.organisers import access

bp = organiser_blueprint("events_admin", __name__, url_prefix="/organiser/events")


bp.context_processor(status_labels)


@bp.get("/campaign/<int:campaign_id>")
@access.requires("see_counts")
def campaign_events(campaign_id):
    """List a campaign's events with their numbers."""
    campaign = campaign_queries.get_campaign(campaign_id)
    events = queries.events_of(campaign)
    return render_template("events/admin/events.html", campaign=campaign, events=events,
                           totals={event.id: queries.totals(event) for event in events})


def _save(form, campaign, event=None):
    """Run the write; a taken slug becomes a message next to the field."""
    def write():
        if event is None:
            return operations.create_event(campaign, texts=texts_from(form),
                                           **form.values()), {}
        return event, operations.update_event(event, texts=texts_from(form), **form.values())
    return save_or_slug_taken(form, write, _("Another event already uses this address.")) \
        or (None, None)


@bp.route("/campaign/<int:campaign_id>/new", methods=["GET", "POST"])
@access.requires("edit_content")
def new_event(campaign_id):
    """Create an event (unpublished until the organiser publishes it)."""
    campaign = campaign_queries.get_campaign(campaign_id)
    form = EventForm(default_language=campaign.default_language, timezone=campaign.timezone)
    if form.validate_on_submit():
        event, _changes = _save(form, campaign)
        if event is not None:
            flash(_("Event created. Publish it when it is ready."), "success")
            return redirect(url_for(".edit_event", event_id=event.id))
    return render_template("events/admin/event_form.html", form=form, campaign=campaign,
                           event=None)


@bp.post("/<int:event_id>/duplicate")
@access.requires("edit_content")
def duplicate_event(event_id):
    """Copy an event (without its RSVPs) and open the copy to edit."""
    form = ActionForm()
    event = queries.get_event(event_id)
    if not form.validate_on_submit():
        abort(400)
    copy = operations.duplicate_event(event)
    db.session.commit()
    flash(_("This is a copy: change what differs, then publish it."), "success")
    return redirect(url_for(".edit_event", event_id=copy.id))


def _fill(form, event) -> None:
    for name in ("starts_at", "ends_at", "rsvp_deadline"):
        getattr(form, name).data = wall_clock(getattr(event, name), event.timezone)
    form.country.data = event.country or ""
    fill_language_sections(form, event, ("title", "description", "venue_name", "place_notes"))


@bp.route("/<int:event_id>", methods=["GET", "POST"])
@access.requires("edit_content")
def edit_event(event_id):
    """Edit an event; a new time or place is e-mailed to everyone registered."""
    event = queries.get_event(event_id)
    form = EventForm(obj=event, default_language=event.campaign.default_language)
    if not form.is_submitted():
        _fill(form, event)
    if form.validate_on_submit():
        saved, changes = _save(form, event.campaign, event)
        if saved is not None:
            flash(_("Event saved. Everyone registered is told about the new time or place.")
                  if changes else _("Event saved."), "success")
            return redirect(url_for(".edit_event", event_id=event.id))
    return render_template("events/admin/event_form.html", form=form, campaign=event.campaign,
                           event=event)


def _status_action(event_id, operation, done_message):
    event = queries.get_event(event_id)
    if ActionForm().validate_on_submit() and operation(event):
        db.session.commit()
        flash(done_message, "success")
    return redirect(url_for(".edit_event", event_id=event_id))


@bp.post("/<int:event_id>/publish")
@access.requires("edit_content")
def publish_event(event_id):
    """Show the event's page to visitors."""
    return _status_action(event_id, lambda e: operations.set_published(e, True),
                          _("The event is published."))


@bp.post("/<int:event_id>/unpublish")
@access.requires("edit_content")
def unpublish_event(event_id):
    """Hide the event's page from visitors."""
    return _status_action(event_id, lambda e: operations.set_published(e, False),
                          _("The event is hidden from visitors."))


@bp.post("/<int:event_id>/postpone")
@access.requires("edit_content")
def postpone_event(event_id):
    """Mark the event postponed and tell everyone registered."""
    return _status_action(event_id, operations.postpone_event,
                          _("The event is postponed; everyone registered is told."))


@bp.post("/<int:event_id>/resume")
@access.requires("edit_content")
def resume_event(event_id):
    """Put a postponed event back on and tell everyone registered."""
    return _status_action(event_id, operations.resume_event,
                          _("The event is on again; everyone registered is told."))


@bp.post("/<int:event_id>/cancel")
@access.requires("edit_content")
def cancel_event(event_id):
    """Cancel the event and tell everyone registered."""
    return _status_action(event_id, operations.cancel_event,
                          _("The event is cancelled; everyone registered is told."))


def dashboard_links(campaign):
    return [navigation.Link(_("Events"), url_for("events_admin.campaign_events",
                                                  campaign_id=campaign.id)),
            navigation.Link(_("Check-in at the door"), url_for("door.door_events",
                                                               campaign_id=campaign.id),
                            power="check_in")]
