"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json.

Written as data next to the code it describes; tests/api/test_openapi.py fails when a route
of the URL map is missing here (or one described here is not routed), and schemathesis
checks every answer against these schemas.
"""
from flask import current_app, url_for

from campaign.api.hal import MAX_PAGE, MAX_PER_PAGE, PER_PAGE
from campaign.core.routing import MAX_ID

S, I, B, N = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}


def _null(schema):
    return {**schema, "type": [schema["type"], "null"]}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


TEXTS = {"type": "object", "additionalProperties": {"type": "string"},
         "description": "Text per language code (en, ru, pl)."}
TEXTS_IN = {"type": "object", "additionalProperties": {"type": ["string", "null"]},
            "description": "Text per language code; null or empty removes a language."}
MOMENT = {"type": "string", "description": "ISO 8601 date and time"}
_COMMON = {"id": I, "identifiers": {"type": "array", "items": S},
           "created_date": MOMENT, "modified_date": MOMENT, "_links": _ref("Links")}


def _resource(properties: dict, texts=(), required_extra=()) -> dict:
    props = {**_COMMON, **{name: TEXTS for name in texts}, **properties}
    return {"type": "object", "properties": props,
            "required": ["id", "_links", *required_extra]}


SCHEMAS = {
    "Links": {"type": "object", "additionalProperties": True},
    "Error": {"type": "object", "required": ["error", "message"], "properties": {
        "error": S, "message": S,
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": S}}}},
    "Accepted": {"type": "object", "required": ["status", "message"],
                 "properties": {"status": {"const": "confirmation_requested"}, "message": S,
                                "_links": _ref("Links")}},
    "EntryPoint": {"type": "object", "required": ["_links"], "properties": {
        "motd": S, "vendor_name": S, "product_name": S, "osdi_version": S,
        "max_pagesize": I, "namespace": S, "_links": _ref("Links")}},
    "Campaign": _resource({
        "slug": S, "status": S, "default_language": S, "languages": {"type": "array",
                                                                     "items": S},
        "timezone": S, "contact_name": S, "contact_email": S, "browser_url": _null(S)},
        texts=("title", "summary", "body"), required_extra=("slug",)),
    "Event": _resource({
        "slug": S, "start_date": MOMENT, "end_date": MOMENT, "rsvp_deadline": _null(S),
        "timezone": S, "status": {"enum": ["scheduled", "postponed", "cancelled"]},
        "published": B, "address_lines": _null(S), "postcode": _null(S), "city": _null(S),
        "country": _null(S), "latitude": _null(N), "longitude": _null(N),
        "capacity": _null(I), "max_guests": I, "contact_name": _null(S),
        "contact_email": _null(S), "reminder_offsets": S, "browser_url": _null(S)},
        texts=("title", "description", "venue_name", "place_notes"),
        required_extra=("slug", "start_date", "end_date", "timezone", "status")),
    "Attendance": _resource({
        "status": {"enum": ["confirmed", "waitlisted", "cancelled"]}, "name": S,
        "email_address": S, "guests": I, "language": S, "wants_updates": B,
        "consent_version": S, "source": S, "checked_in_date": _null(S)},
        required_extra=("status", "email_address")),
    "Petition": _resource({
        "slug": S, "status": {"enum": ["draft", "open", "closed"]}, "goal": I,
        "total_signatures": I, "opens_at": _null(S), "closes_at": _null(S),
        "browser_url": _null(S)},
        texts=("title", "target", "text", "why"), required_extra=("total_signatures",)),
    "Signature": _resource({
        "status": {"enum": ["pending", "verified", "invalidated"]}, "name": S,
        "email_address": S, "country": S, "comment": _null(S), "public": B,
        "wants_updates": B, "language": S, "consent_version": S, "name_hidden": B,
        "verified_date": _null(S)}, required_extra=("status", "email_address")),
    "Person": {"type": "object", "required": ["email_address"], "properties": {
        "email_address": S, "name": S, "language": S, "wants_updates": B,
        "answered_date": _null(S), "_links": _ref("Links")}},
    "KeyDate": _resource({
        "kind": S, "date": {"type": "string", "format": "date"}, "time": _null(S),
        "yearly": B, "link": _null(S)}, texts=("title", "description"),
        required_extra=("kind", "date")),
    "Message": _resource({
        "status": S, "audience": _null(S), "publish_as_update": B,
        "published_date": _null(S), "send_date": _null(S), "total_recipients": I},
        texts=("subject", "body")),
    "EventInput": {"type": "object", "properties": {
        "slug": S, "timezone": {**S, "examples": ["Europe/Brussels"]},
        "start_date": {**MOMENT, "examples": ["2030-05-01T18:00:00+02:00"]},
        "end_date": MOMENT, "rsvp_deadline": _null(S), "published": B,
        "title": TEXTS_IN, "description": TEXTS_IN, "venue_name": TEXTS_IN,
        "place_notes": TEXTS_IN, "address_lines": _null(S), "postcode": _null(S),
        "city": _null(S), "country": _null(S), "latitude": _null(N), "longitude": _null(N),
        "capacity": _null(I), "max_guests": _null(I), "contact_name": _null(S),
        "contact_email": _null(S),
        "reminder_offsets": {**_null(S), "description": "ISO 8601 durations before the "
                                                        "start, comma-separated: P1D,PT2H"}}},
    "KeyDateInput": {"type": "object", "properties": {
        "kind": {"enum": ["plenary_debate", "plenary_vote", "anniversary", "deadline",
                          "hearing", "other"]},
        "date": {**S, "examples": ["2030-05-09"]}, "time": {**_null(S), "examples": ["14:30"]},
        "yearly": B, "link": _null(S), "title": TEXTS_IN, "description": TEXTS_IN}},
    "AttendanceInput": {"type": "object", "required": ["name", "email_address", "consent"],
                        "properties": {"name": S, "email_address": S, "guests": I,
                                       "consent": B, "wants_updates": B, "language": S}},
    "SignatureInput": {"type": "object",
                       "required": ["name", "email_address", "country", "consent"],
                       "properties": {"name": S, "email_address": S,
                                      "country": {**S, "description": "ISO 3166 code, e.g. PL"},
                                      "comment": _null(S), "public": B, "consent": B,
                                      "wants_updates": B, "language": S}},
}


def _collection(item: str, rel: str) -> dict:
    return {"type": "object",
            "required": ["total_pages", "per_page", "page", "total_records", "_links",
                         "_embedded"],
            "properties": {"total_pages": I, "per_page": I, "page": I, "total_records": I,
                           "_links": _ref("Links"),
                           "_embedded": {"type": "object", "required": [f"osdi:{rel}"],
                                         "properties": {f"osdi:{rel}": {
                                             "type": "array", "items": _ref(item)}}}}}


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
PAGING = [
    {"name": "page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
    {"name": "per_page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": PER_PAGE}},
]
HAL = "application/hal+json"

#: (path, method, endpoint, what it does, powers (any one), request body, answer, codes).
ROUTES = [
    ("/", "get", "api.entry_point", "The entry point", (), None, ("EntryPoint", 200), ()),
    ("/openapi.json", "get", "api.description", "This description", None, None, None, ()),
    ("/campaigns", "get", "api.campaigns", "The token's campaign (a collection of one)",
     ("see_counts", "check_in"), None, ("Campaign[campaigns]", 200), (400,)),
    ("/campaigns/{campaign_id}", "get", "api.campaign", "The token's campaign",
     ("see_counts", "check_in"), None, ("Campaign", 200), (404,)),
    ("/events", "get", "api.events", "The campaign's events, soonest first",
     ("see_counts", "check_in"), None, ("Event[events]", 200), (400,)),
    ("/events", "post", "api.create_event", "Create an event", ("edit_content",),
     "EventInput", ("Event", 201), (400, 422)),
    ("/events/{event_id}", "get", "api.event", "An event", ("see_counts", "check_in"), None,
     ("Event", 200), (404,)),
    ("/events/{event_id}", "patch", "api.update_event",
     "Change an event (fields left out keep their values; a new time or place is mailed to "
     "its attendees)", ("edit_content",), "EventInput", ("Event", 200), (400, 404, 422)),
    ("/events/{event_id}/attendances", "get", "api.attendances", "An event's RSVPs",
     ("see_people",), None, ("Attendance[attendances]", 200), (400, 404)),
    ("/events/{event_id}/attendances", "post", "api.create_attendance",
     "Request an RSVP: the person gets the event form's confirmation e-mail and counts once "
     "they confirm. The same answer for every address.", ("see_people",),
     "AttendanceInput", ("Accepted", 202), (400, 404, 409, 422)),
    ("/events/{event_id}/attendances/{rsvp_id}", "get", "api.attendance", "One RSVP",
     ("see_people",), None, ("Attendance", 200), (404,)),
    ("/petitions", "get", "api.petitions", "The campaign's petitions with their counts",
     ("see_counts",), None, ("Petition[petitions]", 200), (400,)),
    ("/petitions/{petition_id}", "get", "api.petition", "A petition", ("see_counts",), None,
     ("Petition", 200), (404,)),
    ("/petitions/{petition_id}/signatures", "get", "api.signatures", "A petition's signatures",
     ("see_people",), None, ("Signature[signatures]", 200), (400, 404)),
    ("/petitions/{petition_id}/signatures", "post", "api.create_signature",
     "Sign on someone's behalf: they get the petition's confirmation e-mail and count once "
     "they confirm. The same answer for every address.", ("see_people",),
     "SignatureInput", ("Accepted", 202), (400, 404, 409, 422)),
    ("/petitions/{petition_id}/signatures/{signature_id}", "get", "api.signature",
     "One signature", ("see_people",), None, ("Signature", 200), (404,)),
    ("/people", "get", "api.people", "Everyone who answered the campaign, once per address",
     ("see_people",), None, ("Person[people]", 200), (400,)),
    ("/key_dates", "get", "api.key_dates", "The campaign's key dates",
     ("see_counts",), None, ("KeyDate[key_dates]", 200), (400,)),
    ("/key_dates", "post", "api.create_key_date", "Add a key date", ("edit_content",),
     "KeyDateInput", ("KeyDate", 201), (400, 422)),
    ("/key_dates/{key_date_id}", "get", "api.key_date", "A key date",
     ("see_counts",), None, ("KeyDate", 200), (404,)),
    ("/key_dates/{key_date_id}", "patch", "api.update_key_date",
     "Change a key date (fields left out keep their values)", ("edit_content",),
     "KeyDateInput", ("KeyDate", 200), (400, 404, 422)),
    ("/messages", "get", "api.messages", "The campaign's messages and updates, newest first",
     ("send_messages",), None, ("Message[messages]", 200), (400,)),
    ("/messages/{message_id}", "get", "api.message", "A message", ("send_messages",), None,
     ("Message", 200), (404,)),
]


def _error(description):
    return {"description": description,
            "content": {"application/json": {"schema": _ref("Error")}}}


def _answer(spec):
    name, status = spec
    if name.endswith("]"):
        item, rel = name[:-1].split("[")
        schema = _collection(item, rel)
    else:
        schema = _ref(name)
    return str(status), {"description": "OK", "content": {HAL: {"schema": schema}}}


def _operation(path, method, endpoint, summary, powers, body, answer, codes) -> dict:
    if powers is None:
        return {"operationId": endpoint, "summary": summary, "security": [], "responses": {
            "200": {"description": "OpenAPI 3.1", "content": {"application/json": {
                "schema": {"type": "object"}}}}}}
    operation = {"operationId": endpoint, "summary": summary,
                 "description": ("Needs a token whose role holds "
                                 + " or ".join(powers) + ".") if powers else "Any token.",
                 "responses": dict([_answer(answer)])}
    parameters = [{"name": name, "in": "path", "required": True, "schema": ID}
                  for name in _path_names(path)]
    if answer[0].endswith("]"):
        parameters += PAGING
    if parameters:
        operation["parameters"] = parameters
    if body:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _ref(body)}}}
    descriptions = {400: "The request cannot be read", 401: "No valid token",
                    403: "The token's role may not do this",
                    404: "Not in the token's campaign", 409: "Closed for answers",
                    422: "Fields that are not valid (messages per field)",
                    429: "Too many requests with this token"}
    for code in sorted({401, 403, 429, *codes}):
        operation["responses"][str(code)] = _error(descriptions[code])
    return operation


def _path_names(path):
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def description() -> dict:
    """The whole description, with this server's address."""
    paths = {}
    for route in ROUTES:
        paths.setdefault(route[0], {})[route[1]] = _operation(*route)
    schemas = dict(SCHEMAS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Campaign manager API", "version": "1.0.0",
                 "description": "A campaign's events, RSVPs, petitions, signatures, people, "
                                "key dates and messages as HAL+JSON, shaped after OSDI. "
                                "Create a token on the organisers' API tokens page or with "
                                "`flask --app wsgi campaign create-token SLUG ROLE`."},
        "servers": [{"url": current_app.config["BASE_URL"] + url_for("api.entry_point")
                     .rstrip("/")}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "An API token of one campaign."}}},
    }
