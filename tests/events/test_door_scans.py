"""Check-in by the QR code on a ticket: the scanner page, typed codes, and the batch a phone
sends after a time offline (each scan counted once, the earliest moment kept)."""
import datetime as dt
import re

import pytest

from campaign import clock
from campaign.events import rsvps as rsvp_writes, tickets
from campaign.events.models import Rsvp
from campaign.extensions import db
from campaign.organisers.roles import Role
from tests.events.helpers import START, create_event, rsvp
from tests.factories import create_campaign, create_organiser, log_in, page_text

#: The door opens half an hour before the protest.
AT_THE_DOOR = START.astimezone(dt.UTC) - dt.timedelta(minutes=30)


def scan_url(event):
    return f"/organiser/events/{event.id}/door/scan"


def sync_url(event):
    return f"/organiser/events/{event.id}/door/scans"


@pytest.fixture
def at_the_door(event):
    clock.set_now(AT_THE_DOOR)
    return event


@pytest.fixture
def door(app, client, campaign, at_the_door):
    """A volunteer with the door role, signed in at the door."""
    create_organiser("door@example.org", roles={campaign: Role.DOOR})
    log_in(client, "door@example.org")
    return client


def with_door_events(campaign, *events) -> None:
    """Give the door volunteer these events too (an event made after the volunteer joined is
    not theirs until an owner adds it)."""
    from campaign.organisers import door_events
    from campaign.organisers.models import Membership

    membership = db.session.scalar(db.select(Membership).where(
        Membership.campaign_id == campaign.id, Membership.role == Role.DOOR))
    chosen = door_events.chosen(membership.id) | {event.id for event in events}
    door_events.set_events(membership, sorted(chosen))
    db.session.commit()


def code_of(person: Rsvp) -> str:
    return tickets.display(db.session.get(Rsvp, person.id).checkin_code)


def typed(client, event, code):
    response = client.post(scan_url(event), data={"code": code})
    return response.status_code, page_text(response)


def sync(client, event, *scans):
    response = client.post(sync_url(event), json={"scans": [
        {"id": str(number), "code": code, "at": at} for number, (code, at) in enumerate(scans)]})
    return response


def test_codes_are_random_readable_and_forgiving():
    codes = {tickets.new_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    shown = tickets.display(code)
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", shown)
    assert tickets.normalise(f"  {shown.lower()} ") == code
    assert tickets.normalise(shown.replace("-", " ")) == code
    assert tickets.normalise("0O1IL" + code[5:]) == "00111" + code[5:]
    for nonsense in ("", "https://example.org/", shown + "X", "U" * 16, None, "x" * 100):
        assert tickets.normalise(nonsense) is None


def test_a_typed_code_checks_the_person_in_once(door, at_the_door):
    ala = rsvp(at_the_door, "ala@example.org", name="Ala Nowak", guests=2)
    status, text = typed(door, at_the_door, code_of(ala))
    assert status == 200
    assert "Checked in: Ala + 2 guests" in text
    assert "Nowak" not in text and "ala@example.org" not in text
    assert db.session.get(Rsvp, ala.id).checked_in_at == AT_THE_DOOR
    clock.set_now(AT_THE_DOOR + dt.timedelta(minutes=5))
    status, text = typed(door, at_the_door, code_of(ala).lower().replace("-", ""))
    assert "Already checked in: Ala Since 11:30. + 2 guests" in text
    assert db.session.get(Rsvp, ala.id).checked_in_at == AT_THE_DOOR


def test_codes_that_do_not_check_anyone_in(door, campaign, at_the_door):
    other_event = create_event(campaign, slug="vigil", texts={"en": {"title": "Vigil"}})
    with_door_events(campaign, other_event)
    other_campaign = create_campaign(slug="other")
    far_event = create_event(other_campaign, slug="far")
    borys = rsvp(at_the_door, "borys@example.org", name="Borys")
    rsvp_writes.cancel_rsvp(borys)
    db.session.commit()
    at_vigil = rsvp(other_event, "celina@example.org", name="Celina")
    elsewhere = rsvp(far_event, "darek@example.org", name="Darek")
    expected = {
        code_of(borys): "Borys cancelled their registration Not checked in.",
        code_of(at_vigil): "This ticket is for another event Vigil",
        code_of(elsewhere): "Unknown ticket This code is not a ticket for this campaign.",
        tickets.display(tickets.new_code()): "Unknown ticket",
        "https://example.org/": "Unknown ticket",
    }
    for code, words in expected.items():
        status, text = typed(door, at_the_door, code)
        assert (status, words in text) == (200, True), text
    assert "Darek" not in typed(door, at_the_door, code_of(elsewhere))[1]
    assert db.session.scalar(db.select(db.func.count(Rsvp.checked_in_at))) == 0


def test_the_waiting_list_is_not_let_in(door, campaign, at_the_door):
    clock.set_now(AT_THE_DOOR - dt.timedelta(days=3))
    small = create_event(campaign, slug="small", capacity=1)
    with_door_events(campaign, small)  # an owner adds the new event to the volunteer's list
    rsvp(small, "ala@example.org", name="Ala")
    waiting = rsvp(small, "ewa@example.org", name="Ewa")
    clock.set_now(AT_THE_DOOR)
    assert "Ewa is on the waiting list" in typed(door, small, code_of(waiting))[1]
    assert db.session.get(Rsvp, waiting.id).checked_in_at is None


def test_an_empty_code_is_asked_for_again(door, at_the_door):
    status, text = typed(door, at_the_door, "  ")
    assert status == 400
    assert "Code on the ticket" in text and "This field is required." in text


def test_the_scanner_page_may_use_the_camera_and_only_the_app(door, at_the_door):
    response = door.get(scan_url(at_the_door))
    assert response.status_code == 200
    assert "camera=(self)" in response.headers["Permissions-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    assert "/static/vendor/jsqr/jsQR.js" in html and "/static/js/door-scan.js" in html
    assert "scans waiting to sync" in html
    # Every other page keeps the camera off.
    assert "camera=()" in door.get(f"/organiser/events/{at_the_door.id}/door").headers[
        "Permissions-Policy"]


def test_the_page_recognises_tickets_offline_without_holding_them(door, campaign, at_the_door):
    import json

    ala = rsvp(at_the_door, "ala@example.org", name="Ala Nowak", guests=2)
    borys = rsvp(at_the_door, "borys@example.org", name="Borys")
    rsvp_writes.cancel_rsvp(borys)
    db.session.commit()
    other = rsvp(create_event(campaign, slug="vigil"), "celina@example.org", name="Celina")
    html = door.get(scan_url(at_the_door)).get_data(as_text=True)
    roster = json.loads(re.search(r'id="scanner-roster">(.*?)</script>', html).group(1))
    code = db.session.get(Rsvp, ala.id).checkin_code
    assert roster == [[tickets.fingerprint(code), "Ala", 2]]
    for secret in (code, tickets.display(code), code_of(borys), code_of(other), "Nowak",
                   "ala@example.org"):
        assert secret not in html


def test_a_batch_from_a_phone_that_was_offline(door, at_the_door):
    ala = rsvp(at_the_door, "ala@example.org", name="Ala", guests=1)
    borys = rsvp(at_the_door, "borys@example.org", name="Borys")
    scanned = AT_THE_DOOR - dt.timedelta(minutes=10)
    clock.set_now(AT_THE_DOOR)
    # Borys was found by name at the door list meanwhile, after his offline scan.
    rsvp_writes.set_check_in(db.session.get(Rsvp, borys.id), True)
    db.session.commit()
    response = sync(door, at_the_door, (code_of(ala), scanned.isoformat()),
                    (code_of(borys), scanned.isoformat()), ("nonsense", None))
    assert response.status_code == 200
    data = response.get_json()
    assert [(r["id"], r["status"], r["headline"]) for r in data["results"]] == [
        ("0", "checked_in", "Checked in: Ala"), ("1", "already", "Already checked in: Borys"),
        ("2", "unknown", "Unknown ticket")]
    assert data["checked_in"] == 2
    # The first moment wins: both arrived when the phone scanned them.
    assert db.session.get(Rsvp, ala.id).checked_in_at == scanned
    assert db.session.get(Rsvp, borys.id).checked_in_at == scanned
    # The same batch again (its answer was lost on the way) counts nobody twice.
    again = sync(door, at_the_door, (code_of(ala), scanned.isoformat())).get_json()
    assert again["results"][0]["status"] == "checked_in" and again["checked_in"] == 2
    # Another phone's later scan of the same ticket reports when Ala arrived.
    later = sync(door, at_the_door, (code_of(ala), None)).get_json()["results"][0]
    assert (later["status"], later["detail"]) == ("already", "Since 11:20. + 1 guest")


def test_a_phone_clock_is_believed_only_within_reason(door, at_the_door):
    ala = rsvp(at_the_door, "ala@example.org", name="Ala")
    clock.set_now(AT_THE_DOOR)
    for moment in ("2017-12-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00", "yesterday",
                   "2017-12-08T11:00:00"):  # no zone: unknown
        db.session.get(Rsvp, ala.id).checked_in_at = None
        db.session.commit()
        sync(door, at_the_door, (code_of(ala), moment))
        assert db.session.get(Rsvp, ala.id).checked_in_at == AT_THE_DOOR


@pytest.mark.parametrize("body", [None, {}, {"scans": "x"}, {"scans": ["x"]}, [1]])
def test_a_broken_batch_is_refused_plainly(door, at_the_door, body):
    response = door.post(sync_url(at_the_door), json=body)
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad request"}


def test_a_batch_needs_the_csrf_token(make_app, campaign):
    """With CSRF on (as in production): without the page's token the batch is refused."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        event = create_event(create_campaign(slug="csrf"), slug="csrf-event")
        person = rsvp(event, "ala@example.org", name="Ala")
        create_organiser("door2@example.org", roles={event.campaign: Role.DOOR})
        code = code_of(person)
    client = app.test_client()
    page = client.get("/organiser/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/organiser/login", data={"email": "door2@example.org",
                                          "password": "correct horse battery", "csrf_token": token})
    body = {"scans": [{"id": "a", "code": code}]}
    refused = client.post(f"/organiser/events/{event.id}/door/scans", json=body)
    assert (refused.status_code, refused.get_json()) == (400, {"error": "csrf"})
    scanner = client.get(f"/organiser/events/{event.id}/door/scan").get_data(as_text=True)
    token = re.search(r'data-csrf="([^"]+)"', scanner).group(1)
    accepted = client.post(f"/organiser/events/{event.id}/door/scans", json=body,
                           headers={"X-CSRFToken": token})
    assert accepted.get_json()["results"][0]["status"] == "checked_in"


@pytest.mark.parametrize("role, allowed", [(Role.DOOR, True), (Role.OWNER, True),
                                           (Role.ORGANISER, True), (Role.VIEWER, False)])
def test_who_may_scan(app, client, campaign, at_the_door, role, allowed):
    ala = rsvp(at_the_door, "ala@example.org", name="Ala")
    create_organiser(f"{role.value}@example.org", roles={campaign: role})
    log_in(client, f"{role.value}@example.org")
    assert client.get(scan_url(at_the_door)).status_code == (200 if allowed else 403)
    response = sync(client, at_the_door, (code_of(ala), None))
    assert response.status_code == (200 if allowed else 403)
    assert (db.session.get(Rsvp, ala.id).checked_in_at is not None) == allowed


def test_a_volunteer_of_another_campaign_cannot_scan_here(app, client, campaign, at_the_door):
    ala = rsvp(at_the_door, "ala@example.org", name="Ala")
    create_organiser("stranger@example.org", roles={create_campaign(slug="theirs"): Role.DOOR})
    log_in(client, "stranger@example.org")
    assert sync(client, at_the_door, (code_of(ala), None)).status_code == 404
    assert db.session.get(Rsvp, ala.id).checked_in_at is None


def test_the_mail_log_keeps_no_usable_ticket(app, client, event):
    """Organisers reading the mail log see that a ticket was sent, not the ticket."""
    from campaign.mailing import worker
    from campaign.mailing.models import OutboxMessage

    ala = rsvp(event, "ala@example.org", name="Ala")
    worker.deliver_due(app)
    row = db.session.scalar(db.select(OutboxMessage).where(
        OutboxMessage.kind == "rsvp_confirmation"))
    code = code_of(ala)
    assert code in row.body_text and "cid:ticket-qr@campaign" in row.body_html
    create_organiser()
    log_in(client)
    page = client.get(f"/organiser/mail/{row.id}").get_data(as_text=True)
    framed = client.get(f"/organiser/mail/{row.id}/body.html").get_data(as_text=True)
    for shown in (page, framed):
        assert code not in shown and "cid:" not in shown
        assert "····-····-····-····" in shown


def test_a_ticket_for_an_event_not_given_to_the_volunteer_is_unknown_to_them(
        door, campaign, at_the_door):
    """Events an owner did not give a door volunteer do not exist for them: not even a
    ticket's "another event: <title>" names one."""
    secret = create_event(campaign, slug="closed-meeting",
                          texts={"en": {"title": "Closed meeting"}})
    guest = rsvp(secret, "guest@example.org", name="Gosia")
    status, text = typed(door, at_the_door, code_of(guest))
    assert status == 200 and "Unknown ticket" in text
    assert "Closed meeting" not in text and "Gosia" not in text
