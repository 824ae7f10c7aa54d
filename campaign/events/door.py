"""Organiser pages for the door: find a person by name, check them in. First names and guest
counts only: the door role never sees an address, a list to copy, or a way to write to anyone.

The scanner page reads the QR code on a ticket with the phone's camera: the browser's own
BarcodeDetector where there is one, else jsQR, served from static/vendor like every script
(nothing is asked of another host). Scans are kept on the phone until the server has answered
them, so a door with a bad connection goes on scanning; the phone sends what it kept when the
connection is back (see scans.py for why a scan can be sent twice without counting twice).

A door member sees only the events an owner chose for them (``organisers.door_events``; the
guard answers 404 for the others); owners and organisers see every event.
"""
import functools

from babel import Locale
from flask import jsonify, render_template, request
from flask_babel import get_locale, get_translations, gettext as _, ngettext

from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.core.forms import csrf_passed
from campaign.events import queries, scans
from campaign.events.forms import TicketForm, status_labels
from campaign.extensions import csrf, db
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


#: The scanner page may use the camera (every other page may not: core.security).
SCANNER_PERMISSIONS = "camera=(self), microphone=(), geolocation=(), interest-cohort=()"
TONES = {scans.CHECKED_IN: "ok", scans.ALREADY: "warn", scans.WAITLISTED: "bad",
         scans.CANCELLED: "bad", scans.OTHER_EVENT: "bad", scans.UNKNOWN: "bad"}


def describe(scan: scans.Scan, event) -> dict:
    """What the volunteer reads after a scan, in their language: a headline and a detail."""
    name = scan.first_name
    guests = (ngettext("+ %(num)d guest", "+ %(num)d guests", scan.guests) if scan.guests
              else _("No guests"))
    if scan.status == scans.CHECKED_IN:
        headline, detail = _("Checked in: %(name)s", name=name), guests
    elif scan.status == scans.ALREADY:
        headline = _("Already checked in: %(name)s", name=name)
        detail = _("Since %(time)s.", time=event.local(scan.at).strftime("%H:%M")) + " " + guests
    elif scan.status == scans.CANCELLED:
        headline = _("%(name)s cancelled their registration", name=name)
        detail = _("Not checked in.")
    elif scan.status == scans.WAITLISTED:
        headline = _("%(name)s is on the waiting list", name=name)
        detail = _("No confirmed place: not checked in.")
    elif scan.status == scans.OTHER_EVENT:
        headline = _("This ticket is for another event")
        detail = scan.event_title
    else:
        headline, detail = _("Unknown ticket"), _("This code is not a ticket for this campaign.")
    return {"status": scan.status, "tone": TONES[scan.status], "headline": headline,
            "detail": detail}


def _plural_forms(singular: str, plural: str) -> dict:
    """The unformatted forms of a plural message per CLDR category ("one", "few", "many",
    "other"), for the page's script to choose with Intl.PluralRules offline."""
    return _plural_forms_in(str(get_locale()), singular, plural)


@functools.lru_cache(maxsize=64)
def _plural_forms_in(lang: str, singular: str, plural: str) -> dict:
    # The same for every page in *lang*: found once (200 numbers), then remembered.
    locale, translations, forms = Locale.parse(lang), get_translations(), {}
    for number in range(0, 200):
        forms.setdefault(locale.plural_form(number), translations.ngettext(singular, plural,
                                                                           number))
    return forms


def _scanner_page(event, form, result=None, status=200):
    strings = {
        "waiting": _plural_forms("%(num)d scan waiting to sync",
                                 "%(num)d scans waiting to sync"),
        "saved": _("Saved on this phone"),
        "saved_detail": _("It will be checked when the connection is back."),
        "no_camera": _("The camera could not be started. Type the code below or search by name."),
        "no_decoder": _("This browser cannot read QR codes. Type the code below."),
        "reload": _("Your session has expired: reload the page (the scans are kept)."),
        "scanning": _("Hold the QR code in front of the camera."),
        "known": _("%(name)s: on the list"),
        "already": _("Already checked in: %(name)s"),
        "not_listed": _("Not on the list loaded on this phone"),
        "guests": _plural_forms("+ %(num)d guest", "+ %(num)d guests"),
        "no_guests": _("No guests"),
    }
    response = render_template(
        "events/admin/door_scan.html", event=event, form=form, result=result,
        totals=queries.totals(event), strings=strings, roster=scans.offline_roster(event))
    return response, status, {"Permissions-Policy": SCANNER_PERMISSIONS}


@bp.get("/<int:event_id>/door/scan")
@access.requires("check_in")
def scanner(event_id):
    """Scan tickets with the camera, or type their code."""
    return _scanner_page(queries.get_event(event_id), TicketForm(formdata=None))


@bp.post("/<int:event_id>/door/scan")
@access.requires("check_in")
def scan_code(event_id):
    """Check in the holder of a typed code (the page without its script)."""
    event, form = queries.get_event(event_id), TicketForm()
    if not form.validate_on_submit():
        return _scanner_page(event, form, status=400)
    scan = scans.check_in_by_code(event, form.code.data)
    db.session.commit()
    return _scanner_page(event, TicketForm(formdata=None), result=describe(scan, event))


@bp.post("/<int:event_id>/door/scans")
@csrf.exempt
@access.requires("check_in")
def sync_scans(event_id):
    """Check in a batch of scans the phone kept (JSON in, one answer per scan out)."""
    event = queries.get_event(event_id)
    if not csrf_passed():
        return jsonify(error="csrf"), 400
    payload = request.get_json(silent=True)
    batch = payload.get("scans") if isinstance(payload, dict) else None
    if not isinstance(batch, list) or not all(isinstance(s, dict) for s in batch):
        return jsonify(error="bad request"), 400
    results = scans.check_in_batch(event, batch)
    db.session.commit()
    return jsonify(results=[{"id": scan_id, "at": scan.at.isoformat() if scan.at else None,
                             **describe(scan, event)} for scan_id, scan in results],
                   checked_in=queries.totals(event).checked_in)

