"""Every organiser route, walked from the URL map: a member of another campaign gets 404,
a role without the power gets 403, the roles with it get the page; nobody declared = nobody."""
import datetime as dt

import pytest
from flask import url_for

from campaign.api import tokens as api_tokens
from campaign.events import rsvps as rsvp_writes
from campaign.events.forms import CONSENT_VERSION
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.mailing.models import OutboxMessage
from campaign.messages import operations as message_operations
from campaign.messages.audiences import Audience
from campaign.organisers.access import ACCOUNT
from campaign.organisers import invitations
from campaign.organisers.models import Membership, Organiser
from campaign.organisers.roles import POWERS, Role
from campaign.reminders import operations as reminder_operations
from campaign.letters.models import LetterTarget
from campaign.petitions import operations as petition_operations
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_key_date, create_organiser, log_in
from tests.petitions.helpers import create_petition
from tests.letters.helpers import create_action
from campaign.webhooks import operations as webhook_operations

ROLES = list(Role)


@pytest.fixture
def world(app):
    """Campaign A with one of everything, its team (a member per role), and the owner of B."""
    a = create_campaign(slug="a", owners=[])
    b = create_campaign(slug="b", owners=[])
    event = create_event(a, starts_at=dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC))
    rsvp = rsvp_writes.submit_rsvp(event, name="Ala Nowak", email="ala@example.org", guests=1,
                                   lang="en", wants_updates=False,
                                   consent_version=CONSENT_VERSION).rsvp
    petition = create_petition(a)
    signature = petition_operations.record_verified_signature(
        petition, name="Ola", email="ola@example.org", country="PL", lang="pl").id
    key_date = create_key_date(a)
    reminder = reminder_operations.create_reminder(
        key_date, days_before=1, time_of_day=dt.time(9), audience=Audience.CAMPAIGN_SUPPORTERS,
        texts={"en": {"subject": "Soon", "body": "Tomorrow."}})
    message = message_operations.create_message(
        a, audience=Audience.CAMPAIGN_SUPPORTERS, scope_id=None, publish_as_update=False,
        texts={"en": {"subject": "News", "body": "Read this."}})
    action = create_action(a)
    target = db.session.scalar(db.select(LetterTarget.id).where(LetterTarget.campaign_id == a.id))
    webhook, _secret = webhook_operations.create_endpoint(a.id, "https://crm.example.org/in",
                                                          ["rsvp.confirmed"])
    outbox.enqueue("test_message", to="ala@example.org", lang="en", key="t:a", campaign_id=a.id,
                   payload={"requested_by": "x", "requested_at": "2030-01-01T00:00:00+00:00"})
    db.session.commit()
    mail_row = db.session.scalar(db.select(OutboxMessage.id).where(OutboxMessage.key == "t:a"))
    # As the worker leaves it once sent: the log shows only what went out.
    sent = db.session.get(OutboxMessage, mail_row)
    sent.body_text, sent.body_html = "Test", "<p>Test</p>"
    db.session.commit()
    for role in ROLES:
        create_organiser(f"{role.value}@example.org", roles={a: role})
    create_organiser("stranger@example.org", roles={b: Role.OWNER})
    invitation = invitations.invite(a.id, "new@example.org", Role.DOOR,
                                    db.session.scalar(db.select(Organiser)), "en")
    api_token, _secret = api_tokens.create_token(a.id, "CRM", Role.VIEWER)
    db.session.commit()
    owner_membership = db.session.scalar(db.select(Membership.id).where(
        Membership.campaign_id == a.id, Membership.role == Role.OWNER))
    ids = {"membership_id": owner_membership, "invitation_id": invitation.id,
           "campaign_id": a.id, "event_id": event.id, "rsvp_id": rsvp.id,
           "petition_id": petition.id, "key_date_id": key_date.id, "reminder_id": reminder.id,
           "mailing_admin:message_id": mail_row, "messages_admin:message_id": message.id,
           "action_id": action.id, "target_id": target, "signature_id": signature,
           "webhook_id": webhook.id, "api_token_id": api_token.id}
    return ids


def organiser_routes(app):
    """(rule, view) for every organiser page: under /organiser, except signing in and out."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/organiser") and not rule.endpoint.startswith("organisers."):
            yield rule, app.view_functions[rule.endpoint]


def test_every_organiser_route_declares_what_it_needs(app):
    undeclared = [rule.rule for rule, view in organiser_routes(app)
                  if not hasattr(view, "organiser_access")]
    assert undeclared == []


def _url(app, rule, ids):
    blueprint = rule.endpoint.split(".")[0]
    values = {arg: ids.get(f"{blueprint}:{arg}", ids.get(arg)) for arg in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def _clients(app):
    clients = {}
    for who in [role.value for role in ROLES] + ["stranger"]:
        clients[who] = app.test_client()
        log_in(clients[who], f"{who}@example.org")
    return clients


def test_each_route_refuses_other_campaigns_and_roles_without_the_power(app, world):
    clients = _clients(app)
    checked = 0
    for rule, view in organiser_routes(app):
        for method in sorted(rule.methods & {"GET", "POST"}):
            power = view.organiser_access.power_for(method)
            if power == ACCOUNT:
                continue
            url = _url(app, rule, world)
            call = getattr(clients["stranger"], method.lower())
            assert call(url).status_code == 404, (method, url, "stranger")
            for role in ROLES:
                if power not in POWERS[role]:
                    response = getattr(clients[role.value], method.lower())(url)
                    assert response.status_code == 403, (method, url, role)
                elif method == "GET":  # a permitted POST would change what later routes see
                    response = clients[role.value].get(url)
                    response.get_data()  # let a streamed export finish before the next request
                    assert response.status_code in (200, 302), (method, url, role)
            checked += 1
    assert checked > 40


def test_anonymous_visitors_are_sent_to_sign_in(app, world):
    client = app.test_client()
    for rule, _view in organiser_routes(app):
        if "GET" in rule.methods:
            response = client.get(_url(app, rule, world))
            assert response.status_code == 302
            assert "/organiser/login" in response.headers["Location"]


def test_organiser_pages_and_exports_are_never_stored(app, world):
    client = app.test_client()
    log_in(client, "owner@example.org")
    for path in ("/organiser/", f"/organiser/events/{world['event_id']}/attendees.csv",
                 f"/organiser/petitions/{world['petition_id']}/export.csv?full=1",
                 "/organiser/mail/", "/organiser/login"):
        response = client.get(path)
        response.get_data()
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path


def test_the_dashboard_lists_only_the_accounts_campaigns(app, world):
    stranger, owner = app.test_client(), app.test_client()
    log_in(stranger, "stranger@example.org")
    log_in(owner, "owner@example.org")
    assert "/organiser/campaigns/%d" % world["campaign_id"] not in stranger.get(
        "/organiser/").get_data(as_text=True)
    assert "/organiser/campaigns/%d" % world["campaign_id"] in owner.get(
        "/organiser/").get_data(as_text=True)


def test_the_mail_log_lists_only_rows_of_campaigns_the_member_may_see(app, world):
    for who, sees in (("owner", True), ("organiser", True), ("door", False),
                      ("viewer", False), ("stranger", False)):
        client = app.test_client()
        log_in(client, f"{who}@example.org")
        page = client.get("/organiser/mail/").get_data(as_text=True)
        assert ("ala@example.org" in page) is sees, who


def test_the_door_sees_first_names_and_guests_but_no_address(app, world):
    door = app.test_client()
    log_in(door, "door@example.org")
    page = door.get(f"/organiser/events/{world['event_id']}/door").get_data(as_text=True)
    assert "Ala" in page and "1 guest" in page
    assert "Nowak" not in page and "ala@example.org" not in page
    response = door.post(f"/organiser/events/{world['event_id']}/attendees/"
                         f"{world['rsvp_id']}/check-in", data={"arrived": "1"},
                         headers={"Accept": "application/json"})
    assert response.json["checked_in"] is True
    assert door.get(f"/organiser/events/{world['event_id']}/attendees.csv").status_code == 403
