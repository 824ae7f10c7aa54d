"""The OpenAPI description matches the code: every /api/v1 route is described and every
described operation is routed; schemathesis calls each operation with generated input and
checks each answer against the description (no 500, status, content type and body)."""
import os
import re

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.generation import GenerationMode

from campaign.api.openapi import ROUTES
from tests.api.helpers import Api

CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance]
#: Examples per operation, mode and set of ids: small enough for well under a minute per
#: engine; SCHEMATHESIS_EXAMPLES=200 explores further (and at random) when hunting.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 4))


def routed(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            found |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_every_route_is_described_and_every_description_routed(app, client):
    description = client.get("/api/v1/openapi.json").json
    described = {(path, method) for path, operations in description["paths"].items()
                 for method in operations}
    assert described == routed(app)
    assert description["openapi"].startswith("3.1")


def test_the_description_is_public_and_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    schemathesis.openapi.from_dict(response.json)  # raises on a description it cannot read


def _ids(world):
    a = world["a"]
    return {"campaign_id": a["campaign"], "event_id": a["event"], "rsvp_id": a["rsvp"],
            "petition_id": a["petition"], "signature_id": a["signature"],
            "key_date_id": a["key_date"], "message_id": a["message"]}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_error_and_no_answer_off_the_description(app, world, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {world['owner']}"}
    ids = _ids(world)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(ROUTES) - 1  # all but the description itself
    for operation in operations:
        known = {name: ids[name] for name in ids if "{%s}" % name in operation.path}
        for path_parameters in ({}, known) if known else ({},):
            strategy = operation.as_strategy(generation_mode=mode,
                                             path_parameters=path_parameters or None)

            @hypothesis.given(case=strategy)
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      derandomize="SCHEMATHESIS_EXAMPLES" not in os.environ,
                      suppress_health_check=list(HealthCheck))
            def call(case):
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)

            call()


def test_without_a_token_every_operation_but_the_description_answers_401(app, client, world):
    api = Api(client)
    for path, method in routed(app):
        if path == "/openapi.json":
            continue
        url = "/api/v1" + re.sub(r"\{\w+\}", "1", path)
        response = getattr(client, method)(url)
        assert response.status_code == 401, (method, url)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert api.get("/api/v1/events", token="cmp_not-a-token").status_code == 401


def test_successful_writes_answer_as_described(app, world):
    """Generated input rarely passes the forms: these valid writes check the 201/202 bodies."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {world['owner']}"}
    a = world["a"]
    event = {"title": {"en": "Vigil"}, "start_date": "2030-06-01T18:00:00+02:00",
             "end_date": "2030-06-01T19:00:00+02:00", "timezone": "Europe/Warsaw"}
    writes = [
        ("/events", "POST", {}, event, 201),
        ("/events/{event_id}", "PATCH", {"event_id": a["event"]}, {"city": "Łódź"}, 200),
        ("/events/{event_id}/attendances", "POST", {"event_id": a["event"]},
         {"name": "Jan", "email_address": "jan@example.org", "consent": True}, 202),
        ("/petitions/{petition_id}/signatures", "POST", {"petition_id": a["petition"]},
         {"name": "Ewa", "email_address": "ewa@example.org", "country": "PL",
          "consent": True}, 202),
        ("/key_dates", "POST", {}, {"date": "2030-05-09", "title": {"en": "Vote"}}, 201),
        ("/key_dates/{key_date_id}", "PATCH", {"key_date_id": a["key_date"]},
         {"time": "09:30"}, 200),
    ]
    for path, method, parameters, body, status in writes:
        case = schema[path][method].Case(path_parameters=parameters, body=body,
                                         media_type="application/json")
        response = case.call(headers=headers)
        assert response.status_code == status, (path, response.text)
        case.validate_response(response, checks=CHECKS, headers=headers)


def test_the_description_names_the_powers_each_view_requires(app):
    for _path, _method, endpoint, _summary, powers, *_rest in ROUTES:
        declared = app.view_functions[endpoint].api_powers
        assert (None if declared is None else set(declared)) == (
            None if powers is None else set(powers)), endpoint
