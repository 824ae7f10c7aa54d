"""The audit log: owners of a campaign read its events (sign-ins of its members, exports,
messages, team and settings changes) with filters; events older than the retention go."""
import datetime as dt

from campaign import clock
from campaign.extensions import db
from campaign.mailing import scheduling
from campaign.organisers import audit
from campaign.organisers.models import AuditEvent
from campaign.organisers.roles import Role
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.organisers.helpers import enrol
from tests.petitions.helpers import create_petition


def _world(app):
    campaign = create_campaign(owners=[])
    other = create_campaign(slug="other", owners=[])
    create_organiser("owner@example.org", name="Olga", roles={campaign: Role.OWNER})
    create_organiser("org@example.org", name="Oskar", roles={campaign: Role.ORGANISER})
    create_organiser("far@example.org", name="Farid", roles={other: Role.OWNER})
    owner, organiser = app.test_client(), app.test_client()
    log_in(owner, "owner@example.org")
    log_in(organiser, "org@example.org")
    return campaign, owner, organiser


def _log(client, campaign, query=""):
    return client.get(f"/organiser/audit/campaign/{campaign.id}{query}")


def test_sign_ins_failures_and_exports_show_to_owners_only(app):
    campaign, owner, organiser = _world(app)
    log_in(app.test_client(), "org@example.org", "wrong password")
    log_in(app.test_client(), "nobody@example.org", "wrong password")
    log_in(app.test_client(), "far@example.org")
    event = create_event(campaign)
    petition = create_petition(campaign)
    assert organiser.get(f"/organiser/events/{event.id}/attendees.csv").status_code == 200
    assert organiser.get(f"/organiser/petitions/{petition.id}/export.csv?full=1").status_code \
        == 200
    response = _log(owner, campaign)
    assert response.headers["Cache-Control"] == "no-store"
    page = page_text(response)
    assert "Signed in" in page and "Sign-in failed" in page and "Oskar" in page
    assert f"attendees: {event.slug}" in page and "rows: 0" in page
    assert f"signatures (full): {petition.slug}" in page
    assert "Farid" not in page and "nobody@example.org" not in page
    assert _log(organiser, campaign).status_code == 403


def test_team_and_settings_changes_are_recorded(app):
    campaign, owner, _organiser = _world(app)
    enrol(owner)  # the owner who requires two-factor sign-in must have it to go on
    owner.post(f"/organiser/team/campaign/{campaign.id}/invite",
               data={"email": "new@example.org", "role": "door"})
    owner.post(f"/organiser/team/campaign/{campaign.id}/policy",
               data={"require_two_factor": ""})
    owner.post(f"/organiser/team/campaign/{campaign.id}/policy",
               data={"require_two_factor": "y"})
    page = page_text(_log(owner, campaign, "?kind=invitation_sent"))
    assert "new@example.org" in page and "Settings changed" not in page.split("Details")[1]
    page = page_text(_log(owner, campaign, "?kind=settings_changed"))
    assert "require_two_factor" in page
    page = page_text(_log(owner, campaign, "?kind=two_factor_enabled"))
    assert "Two-factor sign-in turned on" in page.split("Details")[1]


def test_filters_by_member_and_dates(app):
    campaign, owner, _organiser = _world(app)
    olga = db.session.scalar(db.select(AuditEvent.organiser_id).where(AuditEvent.kind == "sign_in")
                             .order_by(AuditEvent.id))
    today = clock.now().date()
    page = page_text(_log(owner, campaign, f"?account={olga}&kind=sign_in")).split("Details")[1]
    assert "Olga" in page and "Oskar" not in page
    page = page_text(_log(owner, campaign, f"?from={today + dt.timedelta(days=1)}"))
    assert "Nothing recorded." in page
    page = page_text(_log(owner, campaign, f"?from={today}&to={today}"))
    assert "Signed in" in page
    assert _log(owner, campaign, "?from=soon&to=2030-99-99&account=x&kind=%00").status_code == 200


def test_events_older_than_the_retention_are_deleted_by_the_worker_step(app):
    campaign, _owner, _organiser = _world(app)
    old = audit.record("export", campaign.id, list="x", rows=1)
    old.at = clock.now() - dt.timedelta(days=366)
    db.session.commit()
    before = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    written = scheduling.run_steps(every_step=True)
    assert written["audit retention"] == 1
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == before - 1


def test_operators_commands_and_deactivations_are_recorded(app, runner):
    campaign, owner, _organiser = _world(app)
    result = runner.invoke(args=["campaign", "create-organiser", "vera@example.org",
                                 "--name", "Vera", "--password", "a long password"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["campaign", "add-member", "vera@example.org", campaign.slug,
                                 "door"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["campaign", "add-member", "vera@example.org", campaign.slug, "viewer"])
    vera = app.test_client()
    assert log_in(vera, "vera@example.org", "a long password").status_code == 302
    result = runner.invoke(args=["campaign", "deactivate-organiser", "vera@example.org"])
    assert result.exit_code == 0 and "vera@example.org is deactivated." in result.output
    assert vera.get("/organiser/").status_code == 302
    assert log_in(app.test_client(), "vera@example.org", "a long password").status_code \
        == 200  # refused
    result = runner.invoke(args=["campaign", "deactivate-organiser", "vera@example.org",
                                 "--reactivate"])
    assert result.exit_code == 0 and "is active" in result.output, result.output
    assert log_in(app.test_client(), "vera@example.org", "a long password").status_code \
        == 302
    assert runner.invoke(args=["campaign", "deactivate-organiser",
                               "nobody@example.org"]).exit_code != 0

    page = page_text(_log(owner, campaign)).split("Details")[1]
    for seen in ("Account created", "Member added", "Role changed", "Account deactivated",
                 "Account reactivated", "via: command line", "role: viewer"):
        assert seen in page, seen
    kinds = db.session.scalars(db.select(AuditEvent.kind).where(
        AuditEvent.details["via"].as_string() == "command line")).all()
    assert sorted(kinds) == ["account_created", "account_deactivated", "account_reactivated",
                             "member_added", "role_changed"]


def test_the_log_comes_in_pages_that_keep_the_filters(app):
    campaign, owner, _organiser = _world(app)
    for number in range(120):
        audit.record("export", campaign.id, list=f"list {number:03}", rows=number)
    audit.record("message_sent", campaign.id, recipients=3)
    db.session.commit()
    first = owner.get(f"/organiser/audit/campaign/{campaign.id}?kind=export")
    page = page_text(first)
    assert "list 119" in page and "list 070" in page and "list 069" not in page
    assert "Message sent" not in page.split("Details")[1]
    html = first.get_data(as_text=True)
    assert "Newer" not in page and 'rel="next"' in html
    following = html.split('rel="prev"')[0].split('href="')[-1] if 'rel="prev"' in html else None
    assert following is None
    next_url = html.split('" rel="next"')[0].split('href="')[-1].replace("&amp;", "&")
    assert "kind=export" in next_url and "page=2" in next_url
    second = page_text(owner.get(next_url))
    assert "list 069" in second and "list 020" in second and "list 119" not in second
    third = owner.get(f"/organiser/audit/campaign/{campaign.id}?kind=export&page=3")
    assert "list 000" in page_text(third) and 'rel="next"' not in third.get_data(as_text=True)
    assert "Newer" in page_text(third)
    assert owner.get(f"/organiser/audit/campaign/{campaign.id}?page=-4").status_code == 200
    assert owner.get(f"/organiser/audit/campaign/{campaign.id}?page=x").status_code == 200
