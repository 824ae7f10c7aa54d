"""Sessions that end: logout, password change, deactivation and removal refuse every copy of
the cookie, on a second app server too; an idle session ends; signing in still works."""
import datetime as dt

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.organisers import operations, teams
from campaign.organisers.roles import Role
from tests.factories import create_campaign, create_organiser, log_in

DASHBOARD = "/organiser/"


def _copy_cookie(source, target):
    target.set_cookie("session", source.get_cookie("session").value)


def _signed_in(client) -> bool:
    return client.get(DASHBOARD).status_code == 200


def test_a_cookie_copied_before_logout_is_refused_after_it_on_every_server(app, make_app):
    create_organiser()
    browser, thief = app.test_client(), app.test_client()
    log_in(browser)
    _copy_cookie(browser, thief)
    assert _signed_in(thief)
    second_server = make_app().test_client()
    _copy_cookie(browser, second_server)
    assert _signed_in(second_server)

    browser.post("/organiser/logout")

    assert not _signed_in(thief)
    assert not _signed_in(second_server)
    log_in(browser)
    assert _signed_in(browser)


def test_a_password_change_ends_every_session(app):
    organiser = create_organiser()
    client = app.test_client()
    log_in(client)
    operations.change_password(organiser, "another long passphrase")
    db.session.commit()
    assert not _signed_in(client)
    assert log_in(client, password="another long passphrase").status_code == 302


def test_deactivation_ends_sessions_at_once(app):
    organiser = create_organiser()
    client = app.test_client()
    log_in(client)
    operations.set_active(organiser, False)
    db.session.commit()
    assert not _signed_in(client)


def test_removal_from_a_team_ends_sessions_at_once(app):
    campaign = create_campaign(owners=[])
    create_organiser("owner@example.org", roles={campaign: Role.OWNER})
    door = create_organiser("door@example.org", roles={campaign: Role.DOOR})
    client = app.test_client()
    log_in(client, "door@example.org")
    assert _signed_in(client)
    teams.remove_member(teams.membership(door.id, campaign.id))
    db.session.commit()
    assert not _signed_in(client)


def test_the_last_owner_cannot_be_removed_or_demoted(app):
    campaign = create_campaign(owners=[])
    owner = create_organiser("owner@example.org", roles={campaign: Role.OWNER})
    with pytest.raises(teams.LastOwner):
        teams.set_role(owner, campaign.id, Role.VIEWER)
    with pytest.raises(teams.LastOwner):
        teams.remove_member(teams.membership(owner.id, campaign.id))


def test_an_idle_session_ends(app):
    create_organiser()
    client = app.test_client()
    start = dt.datetime.now(dt.UTC)
    clock.set_now(start)
    log_in(client)
    clock.set_now(start + dt.timedelta(minutes=29))
    assert _signed_in(client)  # a request resets the idle time
    clock.set_now(start + dt.timedelta(minutes=58))
    assert _signed_in(client)
    clock.set_now(start + dt.timedelta(minutes=89))
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/organiser/login" in response.headers["Location"]


def test_a_busy_session_still_ends_after_its_lifetime(app):
    create_organiser()
    client = app.test_client()
    start = dt.datetime.now(dt.UTC)
    for minutes in range(0, 12 * 60 + 20, 20):
        clock.set_now(start + dt.timedelta(minutes=minutes))
        if minutes == 0:
            log_in(client)
        elif minutes < 12 * 60:
            assert _signed_in(client), minutes
    assert not _signed_in(client)
