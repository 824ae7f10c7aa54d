"""Organiser pages for the people coming: the list, adding and removing, check-in, CSV export."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from campaign.core import csv
from campaign.core.admin import organiser_blueprint
from campaign.core.routing import row_id
from campaign.core.templating import safe_next
from campaign.events import listing, queries, rsvps
from campaign.events.forms import (ORGANISER_CONSENT, RSVP_STATUS_LABELS, ActionForm,
                                   AttendeeForm, status_labels)
from campaign.extensions import db
from campaign.organisers import access, audit

bp = organiser_blueprint("attendees", __name__, url_prefix="/organiser/events")
bp.context_processor(status_labels)
PER_PAGE = 100


def _list_args() -> dict:
    """The filters, and where the page starts (after an RSVP) or ends (before one)."""
    return {"status": request.args.get("status", ""),
            "q": request.args.get("q", "").strip()[:200],
            "after": row_id(request.args.get("after")),
            "before": row_id(request.args.get("before"))}


def _render_list(event, form, status=200):
    args = _list_args()
    page = listing.attendees(event, args["status"] or None, args["q"] or None,
                             after=args["after"], before=args["before"], per_page=PER_PAGE)
    filters = {key: args[key] for key in ("status", "q") if args[key]}
    return render_template("events/admin/attendees.html", event=event, page=page, args=args,
                           filters=filters, form=form, totals=queries.totals(event),
                           positions=listing.waitlist_positions(page.rows,
                                                                consecutive=not args["q"])), status


@bp.get("/<int:event_id>/attendees")
@access.requires("see_people")
def attendee_list(event_id):
    """List who is coming, with filters, totals and a check-in button per person."""
    event = queries.get_event(event_id)
    return _render_list(event, AttendeeForm(max_guests=event.max_guests, formdata=None))


@bp.post("/<int:event_id>/attendees")
@access.requires("see_people")
def add_attendee(event_id):
    """Add a person by hand (confirmed if the seats fit, else on the waiting list)."""
    event = queries.get_event(event_id)
    form = AttendeeForm(max_guests=event.max_guests)
    if not form.validate_on_submit():
        return _render_list(event, form, 400)
    answer = rsvps.submit_rsvp(
        event, name=form.name.data, email=form.email.data, guests=form.guests.data,
        lang=event.campaign.default_language, wants_updates=False,
        consent_version=ORGANISER_CONSENT, source="organiser", notify=form.send_email.data)
    db.session.commit()
    flash(_("%(name)s is on the list: %(status)s.", name=answer.rsvp.name,
            status=RSVP_STATUS_LABELS[answer.rsvp.status]), "success")
    return redirect(url_for(".attendee_list", event_id=event.id))


def _back(event):
    return redirect(safe_next(request.form.get("next"),
                              url_for(".attendee_list", event_id=event.id)))


@bp.post("/<int:event_id>/attendees/<int:rsvp_id>/check-in")
@access.requires("check_in")
def check_in(event_id, rsvp_id):
    """Mark a person as arrived, or undo it (answers JSON to the page's script)."""
    event = queries.get_event(event_id)
    rsvp = queries.get_rsvp(event, rsvp_id)
    if not ActionForm().validate_on_submit():
        return _back(event)
    checked_in = rsvps.set_check_in(rsvp, request.form.get("arrived") == "1")
    db.session.commit()
    if request.accept_mimetypes.best == "application/json":
        return jsonify(checked_in=checked_in, totals=queries.totals(event).__dict__)
    return _back(event)


@bp.post("/<int:event_id>/attendees/<int:rsvp_id>/remove")
@access.requires("see_people")
def remove_attendee(event_id, rsvp_id):
    """Remove a person from the list (their seats go to the waiting list)."""
    event = queries.get_event(event_id)
    rsvp = queries.get_rsvp(event, rsvp_id)
    if ActionForm().validate_on_submit():
        name = rsvp.name
        rsvps.remove_rsvp(rsvp)
        db.session.commit()
        flash(_("%(name)s was removed from the list.", name=name), "success")
    return _back(event)


def _csv_header():
    return [_("Name"), _("E-mail"), _("Guests"), _("Seats"), _("Status"), _("Waiting list"),
            _("Checked in"), _("Wants updates"), _("Language"), _("Added by"), _("Registered")]


def _csv_rows(event):
    position = 0
    for row in listing.export_rows(event):
        waiting = row.status.value == "waitlisted"
        position += waiting
        yield [row.name, row.email, row.guests, 1 + row.guests, str(RSVP_STATUS_LABELS[row.status]),
               position if waiting else "",
               event.local(row.checked_in_at).strftime("%Y-%m-%d %H:%M") if row.checked_in_at else "",
               _("yes") if row.wants_updates else _("no"), row.lang, row.source,
               event.local(row.created_at).strftime("%Y-%m-%d %H:%M")]


@bp.get("/<int:event_id>/attendees.csv")
@access.requires("export")
def export_csv(event_id):
    """Download the list as CSV (UTF-8 for Excel), streamed row by row."""
    event = queries.get_event(event_id)
    audit.record("export", event.campaign_id, list=f"attendees: {event.slug}",
                 rows=listing.count_rsvps(event))
    db.session.commit()
    return csv.response(_csv_header(), _csv_rows(event), f"{event.slug}-attendees.csv")
