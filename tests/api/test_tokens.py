"""API tokens: a role's powers and never more, revocation, the owners' page, the CLI, the
audit log, rate limits per token, and no cookies."""
import datetime as dt

import pytest

from campaign import clock
from campaign.api.models import ApiToken
from campaign.extensions import db
from campaign.organisers.models import AuditEvent
from campaign.organisers.roles import Role
from tests.api.helpers import Api, make_world
from tests.factories import create_organiser, log_in, page_text

EVENT = {"title": {"en": "Vigil"}, "start_date": "2030-06-01T18:00:00+02:00",
         "end_date": "2030-06-01T19:00:00+02:00", "timezone": "Europe/Warsaw"}
SIGNATURE = {"name": "Ewa Lis", "email_address": "ewa@example.org", "country": "PL",
             "consent": True}


def _requests(world):
    a = world["a"]
    return {
        "read events": ("get", "/api/v1/events", None),
        "read key dates": ("get", "/api/v1/key_dates", None),
        "read petitions": ("get", "/api/v1/petitions", None),
        "read people": ("get", "/api/v1/people", None),
        "read attendances": ("get", f"/api/v1/events/{a['event']}/attendances", None),
        "read signatures": ("get", f"/api/v1/petitions/{a['petition']}/signatures", None),
        "read messages": ("get", "/api/v1/messages", None),
        "create an event": ("post", "/api/v1/events", EVENT),
        "change a key date": ("patch", f"/api/v1/key_dates/{a['key_date']}",
                              {"title": {"en": "Vote"}}),
        "sign": ("post", f"/api/v1/petitions/{a['petition']}/signatures", SIGNATURE),
    }


ALLOWED = {
    Role.VIEWER: {"read events", "read key dates", "read petitions"},
    Role.DOOR: {"read events"},  # the door list's events: what check-in needs
    Role.ORGANISER: {"read events", "read key dates", "read petitions", "read people",
                     "read attendances", "read signatures", "read messages",
                     "create an event", "change a key date", "sign"},
}
ALLOWED[Role.OWNER] = ALLOWED[Role.ORGANISER]


@pytest.mark.parametrize("role", list(Role))
def test_a_token_does_what_its_role_may_and_nothing_more(client, world, role):
    api = Api(client, world[role.value])
    for name, (method, path, body) in _requests(world).items():
        response = getattr(api, method)(path, **({"json": body} if body else {}))
        if name in ALLOWED[role]:
            assert response.status_code in (200, 201, 202), (role, name, response.json)
        else:
            assert response.status_code == 403, (role, name)
            assert response.json["error"] == "forbidden"


def test_without_a_valid_token_the_api_answers_401(client, world):
    api = Api(client)
    for token in ("", "cmp_unknown", "x" * 500, world["b_owner"][:-1]):
        response = api.get("/api/v1/", token=token)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="campaign-api"'
    response = client.get("/api/v1/", headers={"Authorization": f"Basic {world['owner']}"})
    assert response.status_code == 401


def test_a_revoked_token_stops_working_at_once(client, world):
    from campaign.api import tokens

    api = Api(client, world["organiser"])
    assert api.get("/api/v1/events").status_code == 200
    tokens.revoke(tokens.find(world["organiser"]))
    db.session.commit()
    assert api.get("/api/v1/events").status_code == 401
    assert Api(client, world["owner"]).get("/api/v1/events").status_code == 200


def test_tokens_are_stored_only_as_keyed_hashes(app, world):
    stored = [(t.token_hash, t.prefix) for t in db.session.scalars(db.select(ApiToken))]
    for role in Role:
        secret = world[role.value]
        assert all(secret not in token_hash and len(prefix) < 12 for token_hash, prefix in stored)
        assert any(secret.startswith(prefix) for _hash, prefix in stored)


def test_answers_set_no_cookie_and_ignore_a_signed_in_session(app, client, world):
    create_organiser("olga@example.org", roles={})
    log_in(client, "olga@example.org")
    response = client.get("/api/v1/events")  # a browser's session cookie is no credential
    assert response.status_code == 401
    response = Api(client, world["owner"]).get("/api/v1/people")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers.get("Vary", "")
    assert response.headers["Cache-Control"] == "no-store"


def test_each_use_is_in_the_audit_log_and_the_last_use_is_shown(app, client, world):
    api = Api(client, world["viewer"])
    moment = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    clock.set_now(moment)
    for _ in range(3):
        api.get("/api/v1/events")
    api.get("/api/v1/people")
    uses = list(db.session.scalars(db.select(AuditEvent).where(AuditEvent.kind == "api_used")
                                   .order_by(AuditEvent.id)))
    # Three identical calls in a row are one entry with a count; the refused one is its own.
    assert [(u.details["request"], u.details["status"], u.details.get("count", 1))
            for u in uses] == [("GET /api/v1/events", 200, 3), ("GET /api/v1/people", 403, 1)]
    assert all(u.details["token"] == "viewer" and u.campaign_id == world["a"]["campaign"]
               for u in uses)
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.name == "viewer"))
    assert token.last_used_at == moment


def test_rate_limits_count_per_token(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_RATELIMIT="3 per minute")
    with app.app_context():
        world = make_world()
    client = app.test_client()
    viewer, owner = Api(client, world["viewer"]), Api(client, world["owner"])
    assert [viewer.get("/api/v1/events").status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = viewer.get("/api/v1/events")
    assert refused.json["error"] == "too_many_requests"
    assert owner.get("/api/v1/events").status_code == 200  # another token, its own count
    created = [owner.post("/api/v1/events", json={**EVENT, "slug": f"e{n}"}).status_code
               for n in range(3)]
    assert created == [201, 201, 429]  # writes count against both limits


def test_writes_have_a_tighter_limit_of_their_own(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_RATELIMIT_WRITE="2 per minute")
    with app.app_context():
        world = make_world()
    owner = Api(app.test_client(), world["owner"])
    created = [owner.post("/api/v1/events", json={**EVENT, "slug": f"e{n}"}).status_code
               for n in range(3)]
    assert created == [201, 201, 429]
    assert owner.get("/api/v1/events").status_code == 200


def test_the_cli_prints_a_working_token_on_its_last_line(app, world, runner):
    result = runner.invoke(args=["campaign", "create-token", "a", "viewer"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    api = Api(app.test_client(), token)
    assert api.get("/api/v1/events").status_code == 200
    assert api.get("/api/v1/people").status_code == 403
    result = runner.invoke(args=["campaign", "create-token", "nope", "owner"])
    assert result.exit_code != 0 and "no campaign" in result.output


def test_an_owner_creates_a_token_sees_it_once_and_revokes_it(app, world):
    from campaign.campaigns.models import Campaign

    campaign = db.session.get(Campaign, world["a"]["campaign"])
    create_organiser("owner@example.org", roles={campaign: Role.OWNER})
    browser = app.test_client()
    log_in(browser, "owner@example.org")
    page = f"/organiser/api/campaign/{campaign.id}/tokens"
    assert page in browser.get("/organiser/").get_data(as_text=True)
    response = browser.post(page, data={"name": "CRM sync", "role": "organiser"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    secret = response.get_data(as_text=True).split('id="new-token" type="text" readonly value="')[1]
    secret = secret.split('"')[0]
    assert Api(app.test_client(), secret).get("/api/v1/people").status_code == 200
    listing = browser.get(page)
    assert secret not in listing.get_data(as_text=True)
    assert "CRM sync" in page_text(listing) and secret[:10] in page_text(listing)
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.name == "CRM sync"))
    assert browser.post(f"{page}/{token.id}/revoke").status_code == 302
    assert Api(app.test_client(), secret).get("/api/v1/people").status_code == 401
    kinds = set(db.session.scalars(db.select(AuditEvent.kind)))
    assert {"api_token_created", "api_token_revoked", "api_used"} <= kinds


def test_only_owners_see_and_open_the_token_page(app, world):
    from campaign.campaigns.models import Campaign

    campaign = db.session.get(Campaign, world["a"]["campaign"])
    create_organiser("org@example.org", roles={campaign: Role.ORGANISER})
    browser = app.test_client()
    log_in(browser, "org@example.org")
    page = f"/organiser/api/campaign/{campaign.id}/tokens"
    assert page not in browser.get("/organiser/").get_data(as_text=True)
    assert browser.get(page).status_code == 403
    assert browser.post(page, data={"name": "x", "role": "owner"}).status_code == 403


def test_only_the_api_is_exempt_from_csrf(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        world = make_world()
    client = app.test_client()
    created = Api(client, world["owner"]).post("/api/v1/events", json={**EVENT, "slug": "e"})
    assert created.status_code == 201  # a bearer token, no CSRF token
    login = client.post("/organiser/login", data={"email": "x@example.org",
                                                  "password": "x"})
    assert login.status_code == 400  # the pages still want theirs
    assert "The form has expired" in page_text(login)


@pytest.mark.parametrize("how", ["removed", "demoted"])
def test_tokens_an_owner_made_stop_when_they_are_no_longer_an_owner(app, world, how):
    """They saw each secret once and may have kept it: leaving the owners ends them. Tokens
    other owners made keep working."""
    from campaign.api import tokens
    from campaign.campaigns.models import Campaign
    from campaign.organisers import teams

    campaign = db.session.get(Campaign, world["a"]["campaign"])
    leaving = create_organiser("leaving@example.org", roles={campaign: Role.OWNER})
    staying = create_organiser("staying@example.org", roles={campaign: Role.OWNER})
    _, theirs = tokens.create_token(campaign.id, "Their sync", Role.ORGANISER, leaving.id)
    _, kept = tokens.create_token(campaign.id, "Website", Role.VIEWER, staying.id)
    db.session.commit()
    if how == "removed":
        teams.remove_member(teams.membership(leaving.id, campaign.id))
    else:
        teams.set_role(leaving, campaign.id, Role.ORGANISER)
    db.session.commit()
    assert Api(app.test_client(), theirs).get("/api/v1/events").status_code == 401
    assert Api(app.test_client(), kept).get("/api/v1/events").status_code == 200
    revoked = db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.kind == "api_token_revoked")).all()
    assert [(e.details["token"], e.details["maker"]) for e in revoked] == [
        ("Their sync", "leaving@example.org")]
