"""An owner chooses the events each door volunteer checks people in at: a new door member has
none; the others answer "not found" to them (the door page, check-in, the dashboard)."""
import datetime as dt

from flask import url_for

from campaign.events import rsvps as rsvp_writes
from campaign.events.forms import CONSENT_VERSION
from campaign.events.models import Rsvp
from campaign.extensions import db
from campaign.organisers import door_events, teams
from campaign.organisers.models import AuditEvent
from campaign.organisers.roles import Role
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.organisers.helpers import link_in, mails_to

LATER = dt.datetime(2030, 6, 1, 12, tzinfo=dt.UTC)


def _world(app):
    campaign = create_campaign(owners=[])
    vigil = create_event(campaign, slug="vigil", texts={"en": {"title": "Vigil"}})
    march = create_event(campaign, slug="march", texts={"en": {"title": "March"}},
                         starts_at=LATER)
    for event, name in ((vigil, "Ala Nowak"), (march, "Ola Kowalska")):
        rsvp_writes.submit_rsvp(event, name=name, email=f"{event.slug}@example.org", guests=0,
                                lang="en", wants_updates=False, consent_version=CONSENT_VERSION)
    db.session.commit()
    create_organiser("owner@example.org", name="Olga", roles={campaign: Role.OWNER})
    door = create_organiser("door@example.org", name="Dima", roles={campaign: Role.DOOR},
                            door_events=[])
    owner, volunteer = app.test_client(), app.test_client()
    log_in(owner, "owner@example.org")
    log_in(volunteer, "door@example.org")
    return campaign, vigil, march, teams.membership(door.id, campaign.id), owner, volunteer


def _check_in(client, event):
    rsvp_id = db.session.scalar(db.select(Rsvp.id).where(Rsvp.event_id == event.id))
    return client.post(f"/organiser/events/{event.id}/attendees/{rsvp_id}/check-in",
                       data={"arrived": "1"}, headers={"Accept": "application/json"})


def test_a_new_door_member_has_no_event_until_an_owner_chooses(app):
    campaign, vigil, march, _membership, _owner, volunteer = _world(app)
    page = page_text(volunteer.get(f"/organiser/events/campaign/{campaign.id}/door"))
    assert "No event has been given to you yet." in page
    assert "Vigil" not in page and "March" not in page
    for event in (vigil, march):
        assert volunteer.get(f"/organiser/events/{event.id}/door").status_code == 404
        assert _check_in(volunteer, event).status_code == 404


def test_the_owner_ticks_events_on_the_team_page_and_the_door_sees_only_those(app):
    campaign, vigil, march, membership, owner, volunteer = _world(app)
    team = owner.get(f"/organiser/team/campaign/{campaign.id}").get_data(as_text=True)
    assert "0 events at the door" in team and f'value="{vigil.id}"' in team
    response = owner.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}"
                          "/events", data={"events": [str(vigil.id)]}, follow_redirects=True)
    assert "Events at the door saved." in page_text(response)
    assert "1 event at the door" in page_text(response)

    page = page_text(volunteer.get(f"/organiser/events/campaign/{campaign.id}/door"))
    assert "Vigil" in page and "March" not in page
    assert "Ala" in page_text(volunteer.get(f"/organiser/events/{vigil.id}/door"))
    assert _check_in(volunteer, vigil).json["checked_in"] is True
    assert volunteer.get(f"/organiser/events/{march.id}/door").status_code == 404
    assert _check_in(volunteer, march).status_code == 404
    # The dashboard's numbers for the volunteer count their event only.
    _check_in(owner, march)
    dashboard = page_text(volunteer.get("/organiser/"))
    assert "Your events at the door 1" in dashboard and "Checked in 1" in dashboard
    assert "RSVPs" not in dashboard

    [event] = db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.kind == "door_events_changed")).all()
    assert event.details["member"] == "door@example.org" and "Vigil" in event.details["events"]
    log = page_text(owner.get(f"/organiser/audit/campaign/{campaign.id}"))
    assert "Door events changed" in log


def test_events_of_another_campaign_cannot_be_given(app):
    campaign, vigil, _march, membership, owner, _volunteer = _world(app)
    elsewhere = create_event(create_campaign(slug="other", owners=[]), slug="elsewhere")
    response = owner.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}"
                          "/events", data={"events": [str(elsewhere.id), str(vigil.id)]},
                          follow_redirects=True)
    assert "Choose among this campaign's events." in page_text(response)
    assert door_events.chosen(membership.id) == set()
    # Nor by a write that skips the form.
    door_events.set_events(membership, [elsewhere.id, vigil.id])
    assert door_events.chosen(membership.id) == {vigil.id}


def test_a_door_invitation_carries_its_events(app):
    campaign, vigil, march, _membership, owner, _volunteer = _world(app)
    owner.post(f"/organiser/team/campaign/{campaign.id}/invite",
               data={"email": "new@example.org", "role": "door", "events": [str(march.id)]})
    link = link_in(mails_to("new@example.org", "team_invitation")[0])
    newcomer = app.test_client()
    newcomer.post(link, data={"name": "Nina", "password": "a long password",
                              "confirm": "a long password"})
    assert newcomer.get(f"/organiser/events/{march.id}/door").status_code == 200
    assert newcomer.get(f"/organiser/events/{vigil.id}/door").status_code == 404


def test_another_role_forgets_the_door_events(app):
    campaign, vigil, _march, membership, owner, volunteer = _world(app)
    door_events.set_events(membership, [vigil.id])
    db.session.commit()
    owner.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}/role",
               data={"role": "organiser"})
    assert door_events.chosen(membership.id) == set()
    assert volunteer.get(f"/organiser/events/{vigil.id}/door").status_code == 200  # organiser
    owner.post(f"/organiser/team/campaign/{campaign.id}/members/{membership.id}/role",
               data={"role": "door"})
    assert volunteer.get(f"/organiser/events/{vigil.id}/door").status_code == 404


def test_every_organiser_page_of_an_event_not_chosen_is_not_found_for_the_door(app):
    _campaign, vigil, march, membership, _owner, volunteer = _world(app)
    door_events.set_events(membership, [vigil.id])
    db.session.commit()
    rsvp_id = db.session.scalar(db.select(Rsvp.id).where(Rsvp.event_id == march.id))
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/organiser") or "event_id" not in rule.arguments:
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, event_id=march.id, **(
                {"rsvp_id": rsvp_id} if "rsvp_id" in rule.arguments else {}))
        for method in sorted(rule.methods & {"GET", "POST"}):
            assert getattr(volunteer, method.lower())(url).status_code == 404, (method, url)
            checked += 1
    assert checked >= 10
    # Nor through a chosen event with the id of someone at another event.
    response = volunteer.post(f"/organiser/events/{vigil.id}/attendees/{rsvp_id}/check-in",
                              data={"arrived": "1"}, headers={"Accept": "application/json"})
    assert response.status_code == 404
