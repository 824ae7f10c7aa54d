"""The JSON API, /api/v1/: a campaign's resources as HAL+JSON, shaped after OSDI.

Every view is thin: the token's campaign scopes each read (another campaign's id is a 404),
writes validate through the pages' own forms (``inputs``) and run the pages' own operations,
and the request commits once. See ``openapi.py`` for the description clients read.
"""
from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from campaign.api import auth, inputs, openapi, queries, writes
from campaign.api import representations as show
from campaign.api.auth import public, requires
from campaign.api.hal import MAX_PER_PAGE, collection, hal, href
from campaign.api.problems import Invalid, problem
from campaign.campaigns.models import Campaign, KeyDate
from campaign.events.models import Event
from campaign.extensions import csrf, db, limiter
from campaign.messages.models import OrganiserMessage
from campaign.petitions import counter
from campaign.petitions.models import Petition

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookie is read here: a token in a header cannot be forged by a page
bp.before_request(auth.guard)
bp.after_request(auth.record_use)
#: Every call counts against its token's limit (one count across all routes), writes also
#: against the token's limit for writes.
limited = limiter.shared_limit(auth.rate_limit, scope="api", key_func=auth.rate_limit_key,
                               override_defaults=False)
writes_limited = limiter.shared_limit(auth.write_rate_limit, scope="api-write",
                                      key_func=auth.rate_limit_key, override_defaults=False)


@bp.errorhandler(Invalid)
def invalid(error):
    return error.response()


@bp.errorhandler(HTTPException)
def http_error(error):
    codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
             409: "conflict", 413: "too_large", 429: "too_many_requests"}
    messages = {404: _("There is no such resource in this token's campaign."),
                429: _("Too many requests with this token; wait a minute and try again.")}
    code = error.code or 500
    if code == 405 and not _routed_for_any(getattr(error, "valid_methods", None) or ()):
        code = 404  # Werkzeug's 405 for an id past MAX_ID, which no method would find
    response = problem(code, codes.get(code, "error"),
                       messages.get(code, error.description if code == error.code else ""))
    if code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _routed_for_any(methods) -> bool:
    adapter = current_app.create_url_adapter(request)
    for method in methods:
        try:
            adapter.match(request.path, method=method)
            return True
        except HTTPException:
            continue
    return False


def _campaign():
    return db.session.get(Campaign, auth.campaign_id())


@bp.get("/")
@limited
@requires()
def entry_point():
    """The API entry point: what this token's campaign offers."""
    campaign = _campaign()
    return hal({"motd": _("Campaign manager API"), "vendor_name": "campaign",
                "product_name": "campaign manager", "osdi_version": "1.1",
                "max_pagesize": MAX_PER_PAGE, "namespace": "campaign",
                "_links": {"self": href("api.entry_point"),
                           "docs": href("api.description"),
                           "osdi:campaigns": href("api.campaigns"),
                           "osdi:events": href("api.events"),
                           "osdi:petitions": href("api.petitions"),
                           "osdi:people": href("api.people"),
                           "osdi:key_dates": href("api.key_dates"),
                           "osdi:messages": href("api.messages"),
                           "osdi:campaign": href("api.campaign", campaign_id=campaign.id)}})


@bp.get("/openapi.json")
@limited
@public
def description():
    """The OpenAPI 3.1 description of this API (public)."""
    return jsonify(openapi.description())


# Campaigns

@bp.get("/campaigns")
@limited
@requires("see_counts", "check_in")
def campaigns():
    """The token's campaign, as a collection of one."""
    return collection("campaigns", db.select(Campaign).where(
        Campaign.id == auth.campaign_id()), show.campaign, "api.campaigns")


@bp.get("/campaigns/<int:campaign_id>")
@limited
@requires("see_counts", "check_in")
def campaign(campaign_id):
    """The token's campaign (any other is a 404)."""
    if campaign_id != auth.campaign_id():
        abort(404)
    return hal(show.campaign(_campaign()))


# Events and attendances

@bp.get("/events")
@limited
@requires("see_counts", "check_in")
def events():
    """The campaign's events, soonest first."""
    return collection("events", queries.events(auth.campaign_id()), show.event,
                                 "api.events")


@bp.post("/events")
@limited
@requires("edit_content")
@writes_limited
def create_event():
    """Create an event (unpublished unless ``published`` is true)."""
    event = writes.save_event(_campaign(), None, inputs.body())
    db.session.commit()
    return hal(show.event(event), 201, {"Location": href("api.event", event_id=event.id)["href"]})


@bp.get("/events/<int:event_id>")
@limited
@requires("see_counts", "check_in")
def event(event_id):
    return hal(show.event(queries.owned(Event, event_id, auth.campaign_id())))


@bp.patch("/events/<int:event_id>")
@limited
@requires("edit_content")
@writes_limited
def update_event(event_id):
    """Change an event (fields left out keep their values); attendees hear of a new time
    or place, as when an organiser edits it."""
    found = queries.owned(Event, event_id, auth.campaign_id())
    changes = inputs.body()
    event = writes.save_event(found.campaign, found,
                              inputs.merged(show.event(found), changes, writes.EVENT_FIELDS))
    db.session.commit()
    return hal(show.event(event))


@bp.get("/events/<int:event_id>/attendances")
@limited
@requires("see_people")
def attendances(event_id):
    event = queries.owned(Event, event_id, auth.campaign_id())
    return collection("attendances", queries.attendances(event.id), show.attendance,
                                 "api.attendances", event_id=event.id)


@bp.post("/events/<int:event_id>/attendances")
@limited
@requires("see_people")
@writes_limited
def create_attendance(event_id):
    """Ask someone to confirm their RSVP: the same request and mail as the event's form,
    and the same answer whether the address is registered or not."""
    event = queries.owned(Event, event_id, auth.campaign_id())
    writes.request_attendance(event, inputs.body())
    db.session.commit()
    return _accepted()


@bp.get("/events/<int:event_id>/attendances/<int:rsvp_id>")
@limited
@requires("see_people")
def attendance(event_id, rsvp_id):
    event = queries.owned(Event, event_id, auth.campaign_id())
    return hal(show.attendance(queries.attendance(event, rsvp_id)))


def _accepted():
    return hal({"status": "confirmation_requested",
                "message": _("If the address can take part, a confirmation e-mail is on its "
                             "way; nothing counts until its owner confirms."),
                "_links": {}}, 202)


# Petitions and signatures

def _petition(row):
    return show.petition(row, counter.count(row.id))


def _petitions(rows) -> list[dict]:
    totals = counter.counts(row.id for row in rows)  # one query for the page
    return [show.petition(row, totals[row.id]) for row in rows]


@bp.get("/petitions")
@limited
@requires("see_counts")
def petitions():
    return collection("petitions", queries.petitions(auth.campaign_id()), None,
                      "api.petitions", represent_page=_petitions)


@bp.get("/petitions/<int:petition_id>")
@limited
@requires("see_counts")
def petition(petition_id):
    return hal(_petition(queries.owned(Petition, petition_id, auth.campaign_id())))


@bp.get("/petitions/<int:petition_id>/signatures")
@limited
@requires("see_people")
def signatures(petition_id):
    petition = queries.owned(Petition, petition_id, auth.campaign_id())
    return collection("signatures", queries.signatures(petition.id), show.signature,
                                 "api.signatures", petition_id=petition.id)


@bp.post("/petitions/<int:petition_id>/signatures")
@limited
@requires("see_people")
@writes_limited
@limiter.limit(writes.sign_limit_per_domain, key_func=writes.domain_key,
               exempt_when=writes.domain_exempt, scope="petition-domain",
               override_defaults=False)
def create_signature(petition_id):
    """Record a pending signature and mail its confirmation link, as the petition's form
    does; it counts once its owner confirms. The same answer for every address."""
    petition = queries.owned(Petition, petition_id, auth.campaign_id())
    writes.sign(petition, inputs.body())
    db.session.commit()
    return _accepted()


@bp.get("/petitions/<int:petition_id>/signatures/<int:signature_id>")
@limited
@requires("see_people")
def signature(petition_id, signature_id):
    petition = queries.owned(Petition, petition_id, auth.campaign_id())
    return hal(show.signature(queries.signature(petition, signature_id)))


# People, key dates, messages

@bp.get("/people")
@limited
@requires("see_people")
def people():
    """Everyone who answered the campaign, once per address."""
    return collection("people", queries.people(auth.campaign_id()), show.person,
                                 "api.people")


@bp.get("/key_dates")
@limited
@requires("see_counts")
def key_dates():
    return collection("key_dates", queries.key_dates(auth.campaign_id()),
                                 show.key_date, "api.key_dates")


@bp.post("/key_dates")
@limited
@requires("edit_content")
@writes_limited
def create_key_date():
    key_date = writes.save_key_date(_campaign(), None, inputs.body())
    db.session.commit()
    return hal(show.key_date(key_date), 201,
               {"Location": href("api.key_date", key_date_id=key_date.id)["href"]})


@bp.get("/key_dates/<int:key_date_id>")
@limited
@requires("see_counts")
def key_date(key_date_id):
    return hal(show.key_date(queries.owned(KeyDate, key_date_id, auth.campaign_id())))


@bp.patch("/key_dates/<int:key_date_id>")
@limited
@requires("edit_content")
@writes_limited
def update_key_date(key_date_id):
    found = queries.owned(KeyDate, key_date_id, auth.campaign_id())
    key_date = writes.save_key_date(found.campaign, found, inputs.merged(
        show.key_date(found), inputs.body(), writes.KEY_DATE_FIELDS))
    db.session.commit()
    return hal(show.key_date(key_date))


@bp.get("/messages")
@limited
@requires("send_messages")
def messages():
    return collection("messages", queries.messages(auth.campaign_id()),
                                 show.message, "api.messages")


@bp.get("/messages/<int:message_id>")
@limited
@requires("send_messages")
def message(message_id):
    return hal(show.message(queries.owned(OrganiserMessage, message_id, auth.campaign_id())))
