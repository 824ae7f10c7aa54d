"""Two-factor sign-in: enrolment with a QR code drawn by the app, confirmation, recovery codes
shown once; the code step after the password; the owner's switch that requires it."""
import datetime as dt

import pyotp

from campaign import clock
from campaign.extensions import db
from campaign.organisers import teams
from campaign.organisers.models import AuditEvent, Organiser
from campaign.organisers.operations import find_organiser
from campaign.organisers.roles import Role
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.organisers.helpers import enrol


def _password_step(client, email="olga@example.org"):
    response = log_in(client, email)
    assert response.status_code == 302 and "/organiser/login/code" in response.location
    return response


def test_enrol_then_sign_in_with_a_code(app):
    create_campaign()
    create_organiser("olga@example.org")
    client = app.test_client()
    log_in(client, "olga@example.org")
    secret, _codes = enrol(client)
    stored = find_organiser("olga@example.org")
    assert stored.totp_secret == secret
    client.post("/organiser/logout")
    clock.advance(dt.timedelta(seconds=30))  # the next code: the enrolment's is spent
    browser = app.test_client()
    _password_step(browser)
    assert browser.get("/organiser/").status_code == 302  # not signed in yet
    wrong = browser.post("/organiser/login/code", data={"code": "123456"})
    assert "This code is not right." in page_text(wrong)
    code = pyotp.TOTP(secret).at(clock.now())
    response = browser.post("/organiser/login/code", data={"code": code})
    assert response.status_code == 302
    assert browser.get("/organiser/").status_code == 200
    # The same code, seen over a shoulder, does not sign anyone in a second time.
    onlooker = app.test_client()
    _password_step(onlooker)
    assert "This code is not right." in page_text(
        onlooker.post("/organiser/login/code", data={"code": code}))


def test_a_recovery_code_works_once(app):
    create_campaign()
    create_organiser("olga@example.org")
    client = app.test_client()
    log_in(client, "olga@example.org")
    _secret, codes = enrol(client)
    first = app.test_client()
    _password_step(first)
    assert first.post("/organiser/login/code", data={"code": codes[0]}).status_code == 302
    again = app.test_client()
    _password_step(again)
    assert again.post("/organiser/login/code", data={"code": codes[0]}).status_code == 200


def test_the_code_step_needs_the_password_step_first(app):
    create_organiser("olga@example.org")
    response = app.test_client().get("/organiser/login/code")
    assert response.status_code == 302 and response.location.endswith("/organiser/login")


def test_an_owner_requires_two_factor_of_every_member(app):
    campaign = create_campaign(owners=[])
    create_organiser("owner@example.org", roles={campaign: Role.OWNER})
    create_organiser("door@example.org", roles={campaign: Role.DOOR})
    owner, door = app.test_client(), app.test_client()
    log_in(owner, "owner@example.org")
    log_in(door, "door@example.org")
    door_page = f"/organiser/events/campaign/{campaign.id}/door"
    assert door.get(door_page).status_code == 200
    response = owner.post(f"/organiser/team/campaign/{campaign.id}/policy",
                          data={"require_two_factor": "y"}, follow_redirects=True)
    assert "Saved." in page_text(response)
    response = door.get(door_page)
    assert response.status_code == 302 and "/organiser/account/two-factor" in response.location
    assert "Set it up to go on." in page_text(door.get(response.location))
    enrol(door)
    assert door.get(door_page).status_code == 200
    # The owner is held to it as well.
    assert owner.get(f"/organiser/team/campaign/{campaign.id}").status_code == 302


def test_enrolment_is_never_cached(app):
    create_organiser("olga@example.org")
    client = app.test_client()
    log_in(client, "olga@example.org")
    assert client.get("/organiser/account/two-factor").headers["Cache-Control"] == "no-store"
    db.session.expire_all()
    assert db.session.scalar(db.select(Organiser.totp_secret)) is None


def _lost_phone(app, require=False):
    """A door volunteer with two-factor sign-in, signed in; the owner, signed in."""
    campaign = create_campaign(owners=[])
    create_organiser("owner@example.org", name="Olga", roles={campaign: Role.OWNER})
    create_organiser("door@example.org", name="Dima", roles={campaign: Role.DOOR})
    door = app.test_client()
    log_in(door, "door@example.org")
    secret, _codes = enrol(door)
    clock.advance(dt.timedelta(seconds=30))
    door = app.test_client()
    _password_step(door, "door@example.org")
    door.post("/organiser/login/code", data={"code": pyotp.TOTP(secret).at(clock.now())})
    assert door.get("/organiser/").status_code == 200
    owner = app.test_client()
    log_in(owner, "owner@example.org")
    if require:
        enrol(owner)
        owner.post(f"/organiser/team/campaign/{campaign.id}/policy",
                   data={"require_two_factor": "y"})
    membership = teams.membership(find_organiser("door@example.org").id, campaign.id)
    url = f"/organiser/team/campaign/{campaign.id}/members/{membership.id}/two-factor/off"
    return campaign, owner, door, url


def test_an_owner_turns_off_a_members_two_factor_after_a_confirmation(app):
    campaign, owner, door, url = _lost_phone(app)
    team = page_text(owner.get(f"/organiser/team/campaign/{campaign.id}"))
    assert "Yes, turn off two-factor sign-in for Dima" in team
    response = owner.post(url, follow_redirects=True)  # the box not ticked
    assert "Tick the box to confirm." in page_text(response)
    db.session.expire_all()
    assert find_organiser("door@example.org").has_two_factor
    response = owner.post(url, data={"confirm": "y"}, follow_redirects=True)
    assert "Two-factor sign-in is off for Dima; their sessions have ended." in page_text(response)
    db.session.expire_all()
    assert not find_organiser("door@example.org").has_two_factor
    assert door.get("/organiser/").status_code == 302  # the session ended
    assert log_in(app.test_client(), "door@example.org").location.endswith("/organiser/")
    event = db.session.scalar(db.select(AuditEvent).where(
        AuditEvent.kind == "two_factor_turned_off"))
    assert event.details == {"by": "owner@example.org"}
    assert "Two-factor sign-in turned off" in page_text(
        owner.get(f"/organiser/audit/campaign/{campaign.id}"))


def test_a_campaign_that_requires_it_asks_for_it_again(app):
    campaign, owner, _door, url = _lost_phone(app, require=True)
    response = owner.post(url, data={"confirm": "y"}, follow_redirects=True)
    assert "They set it up again when they next sign in." in page_text(response)
    door = app.test_client()
    log_in(door, "door@example.org")
    response = door.get(f"/organiser/events/campaign/{campaign.id}/door")
    assert response.status_code == 302 and "/organiser/account/two-factor" in response.location


def test_an_operator_turns_it_off_from_the_command_line(app, runner):
    _campaign, _owner, door, _url = _lost_phone(app)
    result = runner.invoke(args=["campaign", "turn-off-two-factor", "door@example.org"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert not find_organiser("door@example.org").has_two_factor
    assert door.get("/organiser/").status_code == 302
    again = runner.invoke(args=["campaign", "turn-off-two-factor", "door@example.org"])
    assert again.exit_code != 0 and "does not use two-factor" in again.output


def test_an_owner_cannot_weaken_an_account_another_team_relies_on(app):
    campaign, owner, door, url = _lost_phone(app)
    other = create_campaign(slug="other", owners=[])
    teams.set_role(find_organiser("door@example.org"), other.id, Role.ORGANISER)
    db.session.commit()
    team = page_text(owner.get(f"/organiser/team/campaign/{campaign.id}"))
    assert "Also in another campaign's team: only an operator can turn it off." in team
    assert "Yes, turn off two-factor sign-in for Dima" not in team
    response = owner.post(url, data={"confirm": "y"}, follow_redirects=True)
    assert "only an operator can turn off their two-factor sign-in" in page_text(response)
    db.session.expire_all()
    assert find_organiser("door@example.org").has_two_factor
    assert door.get("/organiser/").status_code == 200
