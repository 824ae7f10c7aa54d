"""Each event is queued, with only what it needs, for the endpoints that chose it, in the
transaction of the change it reports."""
import json
from urllib.parse import urlsplit

from campaign import clock
from campaign.events import rsvps as rsvp_writes
from campaign.extensions import db
from campaign.mailing.links import unsubscribe_url
from campaign.webhooks import operations, unsubscribes
from campaign.webhooks.models import DeliveryStatus
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign
from tests.letters.helpers import confirm_all, create_action, write
from tests.petitions.helpers import create_petition
from tests.petitions import helpers as petition_helpers
from tests.webhooks.helpers import rows


def _events():
    return [(row.event, json.loads(row.body)) for row in rows()]


def _endpoint(campaign, events):
    endpoint, _secret = operations.create_endpoint(campaign.id, "https://crm.example.org/in",
                                                   events)
    db.session.commit()
    return endpoint


def test_rsvps_confirmed_and_cancelled_are_reported(app):
    clock.set_now(BEFORE)
    campaign = create_campaign()
    _endpoint(campaign, ["rsvp.confirmed", "rsvp.cancelled"])
    event = create_event(campaign, capacity=1)
    first = rsvp(event, email="ala@example.org", name="Ala")
    waiting = rsvp(event, email="ola@example.org", name="Ola")  # waitlisted: not confirmed
    assert [name for name, _body in _events()] == ["rsvp.confirmed"]
    rsvp_writes.cancel_rsvp(first)
    db.session.commit()
    # Ala cancels; Ola moves up from the waiting list and is confirmed.
    names = [(name, body["data"]["rsvp"]["id"]) for name, body in _events()]
    assert names == [("rsvp.confirmed", first.id), ("rsvp.cancelled", first.id),
                     ("rsvp.confirmed", waiting.id)]
    confirmed = _events()[2][1]
    assert confirmed["campaign"] == "free-them" and confirmed["type"] == "rsvp.confirmed"
    assert confirmed["data"]["rsvp"]["id"] == waiting.id
    assert confirmed["data"]["rsvp"]["event"] == "brussels-protest"
    assert set(confirmed["data"]["rsvp"]) == {"id", "event", "event_starts_at", "name", "email",
                                              "guests", "language", "wants_updates",
                                              "confirmed_at"}
    assert set(_events()[1][1]["data"]["rsvp"]) == {"id", "event", "cancelled_at"}


def test_an_endpoint_gets_only_the_events_it_chose_and_only_its_campaign(app):
    clock.set_now(BEFORE)
    campaign, other = create_campaign(), create_campaign(slug="other")
    _endpoint(campaign, ["signature.verified"])
    _endpoint(other, ["rsvp.confirmed"])
    rsvp(create_event(campaign))
    assert rows() == []


def test_a_change_rolled_back_reports_nothing(app):
    clock.set_now(BEFORE)
    campaign = create_campaign()
    _endpoint(campaign, ["rsvp.confirmed"])
    event = create_event(campaign)
    rsvp_writes.submit_rsvp(event, name="Ala", email="ala@example.org", guests=0, lang="en",
                            wants_updates=False, consent_version="x")
    db.session.rollback()
    assert rows() == []


def test_a_verified_signature_is_reported_without_its_comment(app, client):
    campaign = create_campaign()
    _endpoint(campaign, ["signature.verified"])
    petition = create_petition(campaign)
    petition_helpers.sign(client, petition, comment="Because of my brother")
    assert rows() == []
    link = petition_helpers.link_in(petition_helpers.outbox("petition_verification")[0])
    client.post(link)
    [(name, body)] = _events()
    assert name == "signature.verified"
    assert set(body["data"]["signature"]) == {"id", "petition", "name", "email", "country",
                                              "language", "wants_updates", "verified_at"}
    assert "brother" not in rows()[0].body
    # Pressing the button again reports nothing more.
    client.post(link)
    assert len(rows()) == 1


def test_a_confirmed_letter_is_reported_without_its_text(app, client):
    campaign = create_campaign()
    _endpoint(campaign, ["letter.sent"])
    action = create_action(campaign)
    write(client, action, body="Dear MEP, my very own words.")
    assert rows() == []
    confirm_all(client)
    [(name, body)] = _events()
    assert name == "letter.sent"
    assert body["data"]["letter"]["action"] == "write-meps"
    assert body["data"]["letter"]["email"] == "anna@example.org"
    assert "my very own words" not in rows()[0].body


def test_an_unsubscribe_is_reported_to_the_campaigns_the_person_took_part_in(app, client):
    clock.set_now(BEFORE)
    campaign, other = create_campaign(), create_campaign(slug="other")
    _endpoint(campaign, ["unsubscribed"])
    _endpoint(other, ["unsubscribed"])
    rsvp(create_event(campaign), email="Ala@Example.org")
    with app.test_request_context():
        link = unsubscribe_url("ala@example.org", "en")
    assert client.post(urlsplit(link).path).status_code == 200
    # The request only notes the address's hash, once per campaign with such an endpoint: the
    # search among every supporter waits for the worker.
    notes = [json.loads(row.body) for row in rows()]
    assert len(notes) == 2 and all(set(note) == {"address_key"} for note in notes)
    assert "ala@" not in json.dumps(notes).lower()
    assert unsubscribes.match() == 2
    [(name, body)] = _events()
    assert name == "unsubscribed" and body["campaign"] == "free-them"
    assert body["data"] == {"email": "ala@example.org"}
    # Unsubscribing again changes nothing and reports nothing.
    client.post(urlsplit(link).path)
    assert unsubscribes.match() == 0 and len(rows()) == 1


def test_each_unsubscribe_waiting_is_matched_once_and_the_unknown_ones_dropped(app, client):
    clock.set_now(BEFORE)
    campaign = create_campaign()
    _endpoint(campaign, ["unsubscribed"])
    event = create_event(campaign)
    for name in ("ala", "ola", "ela"):
        rsvp(event, email=f"{name}@example.org")
    with app.test_request_context():
        links = [unsubscribe_url(f"{name}@example.org", "en") for name in ("ala", "ola", "nobody")]
    for link in links:
        client.post(urlsplit(link).path)
    assert unsubscribes.match() == 3 and unsubscribes.match() == 0  # the second finds none
    reported = sorted(body["data"]["email"] for name, body in _events())
    assert reported == ["ala@example.org", "ola@example.org"]
    assert all(row.status == DeliveryStatus.QUEUED for row in rows())


def test_erasing_everything_erases_the_deliveries_that_carry_the_address(app):
    from campaign.supporters import operations as supporter_operations

    clock.set_now(BEFORE)
    campaign = create_campaign()
    _endpoint(campaign, ["rsvp.confirmed", "rsvp.cancelled"])
    rsvp(create_event(campaign), email="ala@example.org")
    rsvp(create_event(campaign, slug="second"), email="ola@example.org")
    assert len(rows()) == 2
    supporter_operations.erase_everything("ala@example.org")
    db.session.commit()
    # Ala's confirmation is gone; the cancellation her erasure caused carries no address.
    assert [name for name, _body in _events()] == ["rsvp.confirmed", "rsvp.cancelled"]
    assert "ala@example.org" not in " ".join(row.body for row in rows())
    assert "ola@example.org" in rows()[0].body


def test_erasing_one_rsvp_erases_the_deliveries_that_carry_its_address(app):
    """"Your data → erase this one": its data stops travelling at once, also unsent."""
    from campaign.supporters import operations as supporter_operations

    clock.set_now(BEFORE)
    campaign = create_campaign()
    _endpoint(campaign, ["rsvp.confirmed"])
    erased = rsvp(create_event(campaign), email="Ala.Nowak@example.org")
    rsvp(create_event(campaign, slug="second"), email="ola@example.org")
    assert len(rows()) == 2
    assert supporter_operations.erase_rsvp("ala.nowak@example.org", erased.id)
    db.session.commit()
    bodies = " ".join(row.body for row in rows())
    assert "Ala.Nowak@example.org" not in bodies and "ala.nowak@example.org" not in bodies
    assert "ola@example.org" in bodies


def test_an_organiser_erasing_a_signature_erases_the_deliveries_that_carry_its_address(
        app, client):
    from tests.factories import create_organiser, log_in

    campaign = create_campaign()
    _endpoint(campaign, ["signature.verified"])
    petition = create_petition(campaign)
    for email in ("ala@example.org", "ola@example.org"):
        petition_helpers.sign(client, petition, email=email)
    for row in petition_helpers.outbox("petition_verification"):
        client.post(petition_helpers.link_in(row))
    assert len(rows()) == 2
    create_organiser(roles={campaign: "organiser"})
    log_in(client)
    signature = next(s for s in petition_helpers.signatures() if s.email == "ala@example.org")
    response = client.post(f"/organiser/petitions/{petition.id}/signatures/{signature.id}/erase")
    assert response.status_code == 302
    bodies = " ".join(row.body for row in rows())
    assert "ala@example.org" not in bodies and "ola@example.org" in bodies
