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
