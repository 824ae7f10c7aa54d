"""Owners manage the team: change roles, remove members (whose sessions end), keep an owner;
the add-member command; the demo's owner and door volunteer."""
from campaign.campaigns.models import Campaign
from campaign.extensions import db
from campaign.organisers import teams
from campaign.organisers.models import AuditEvent
from campaign.organisers.roles import Role
from tests.factories import create_campaign, create_organiser, log_in, page_text


def _team(app):
    campaign = create_campaign(owners=[])
    owner = create_organiser("owner@example.org", name="Olga", roles={campaign: Role.OWNER})
    door = create_organiser("door@example.org", name="Dima", roles={campaign: Role.DOOR})
    client = app.test_client()
    log_in(client, "owner@example.org")
    return campaign, owner, door, client


def test_an_owner_sees_the_team_and_changes_a_role(app):
    campaign, _owner, door, client = _team(app)
    page = page_text(client.get(f"/organiser/team/campaign/{campaign.id}"))
    assert "Olga" in page and "Dima" in page and "door@example.org" in page
    membership = teams.membership(door.id, campaign.id)
    response = client.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}/role",
                           data={"role": "viewer"}, follow_redirects=True)
    assert "Role changed." in page_text(response)
    db.session.expire_all()
    assert teams.membership(door.id, campaign.id).role == Role.VIEWER


def test_a_removed_member_is_signed_out_and_loses_the_campaign(app):
    campaign, _owner, door, client = _team(app)
    volunteer = app.test_client()
    log_in(volunteer, "door@example.org")
    membership = teams.membership(door.id, campaign.id)
    client.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}/remove")
    assert volunteer.get("/organiser/").status_code == 302
    log_in(volunteer, "door@example.org")
    assert volunteer.get(f"/organiser/events/campaign/{campaign.id}/door").status_code == 404


def test_the_last_owner_stays(app):
    campaign, owner, _door, client = _team(app)
    membership = teams.membership(owner.id, campaign.id)
    response = client.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}/role",
                           data={"role": "door"}, follow_redirects=True)
    assert "A campaign keeps at least one owner." in page_text(response)
    db.session.expire_all()
    assert teams.membership(owner.id, campaign.id).role == Role.OWNER


def test_a_new_campaign_belongs_to_its_creator_only(app):
    create_organiser("first@example.org", roles={})
    create_organiser("second@example.org", roles={})
    first, second = app.test_client(), app.test_client()
    log_in(first, "first@example.org")
    log_in(second, "second@example.org")
    response = first.post("/organiser/campaigns/new", data={
        "slug": "mine", "default_language": "en", "languages": ["en"],
        "timezone": "Europe/Warsaw", "contact_name": "A", "contact_email": "a@example.org",
        "status": "draft", "text_en-title": "Mine", "text_en-summary": "Now"})
    assert response.status_code == 302
    assert "Mine" in page_text(first.get("/organiser/"))
    assert "Mine" not in page_text(second.get("/organiser/"))


def test_add_member_command(app, runner):
    campaign = create_campaign(slug="free-them", owners=[])
    create_organiser("volunteer@example.org", roles={})
    result = runner.invoke(args=["campaign", "add-member", "Volunteer@example.org",
                                 "free-them", "door"])
    assert result.exit_code == 0, result.output
    assert "volunteer@example.org is now door of free-them." in result.output
    result = runner.invoke(args=["campaign", "add-member", "nobody@example.org", "free-them",
                                 "door"])
    assert result.exit_code != 0 and "no organiser" in result.output
    result = runner.invoke(args=["campaign", "add-member", "volunteer@example.org", "free-them",
                                 "boss"])
    assert result.exit_code != 0


def test_the_demo_has_an_owner_and_a_door_volunteer(app, runner, tmp_path):
    app.instance_path = str(tmp_path)
    result = runner.invoke(args=["campaign", "demo"])
    assert "organiser@example.org / " in result.output
    assert "door@example.org / " in result.output
    kept = (tmp_path / "demo-organiser.txt").read_text()
    assert kept.startswith("owner: organiser@example.org / ")
    assert "door: door@example.org / " in kept
    door_password = kept.split("door@example.org / ")[1].split()[0]
    client = app.test_client()
    log_in(client, "door@example.org", door_password)
    page = page_text(client.get("/organiser/"))
    assert "Check-in at the door" in page and "Manage" not in page
    # The demo's owner gave the volunteer every event of the demo.
    campaign = db.session.scalar(db.select(Campaign).where(Campaign.slug != ""))
    door_page = page_text(client.get(f"/organiser/events/campaign/{campaign.id}/door"))
    assert "No event has been given to you yet." not in door_page
    assert "Your events at the door" in page
    # The command's accounts and memberships are in the audit log.
    kinds = db.session.scalars(db.select(AuditEvent.kind).where(
        AuditEvent.details["via"].as_string() == "demo command")).all()
    assert sorted(kinds) == ["account_created", "account_created", "member_added",
                             "member_added"]
