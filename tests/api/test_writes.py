"""Writes through the API follow the pages' rules: double opt-in by e-mail (through the real
SMTP server), the same answer for every address, the forms' messages, the organisers'
operations for events and key dates."""
import re

import pytest

from campaign.events.models import RsvpRequest
from campaign.extensions import db
from campaign.mailing import worker
from campaign.mailing.models import OutboxMessage
from campaign.petitions.models import Petition, Signature
from tests.api.helpers import Api, make_world

SIGNATURE = {"name": "Ewa Lis", "email_address": "ewa@example.org", "country": "PL",
             "consent": True, "language": "pl"}
ATTEND = {"name": "Jan Nowak", "email_address": "jan@example.org", "guests": 1,
          "consent": True}
EVENT = {"title": {"en": "Vigil", "pl": "Czuwanie"}, "start_date": "2030-06-01T18:00:00+02:00",
         "end_date": "2030-06-01T19:00:00+02:00", "timezone": "Europe/Warsaw",
         "city": "Warsaw", "capacity": 40}


def _outbox(kind):
    return list(db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.kind == kind)
                                   .order_by(OutboxMessage.id)))


def test_a_signature_counts_only_once_its_owner_confirms_the_mail(make_app, smtp_server):
    app = make_app(**smtp_server.config)
    with app.app_context():
        world = make_world()
    api = Api(app.test_client(), world["organiser"])
    petition = f"/api/v1/petitions/{world['a']['petition']}"
    response = api.post(petition + "/signatures", json=SIGNATURE)
    assert response.status_code == 202 and response.json["status"] == "confirmation_requested"
    assert api.get(petition).json["total_signatures"] == 1  # the world's one signer
    with app.app_context():
        worker.deliver_due(app)
    [mail] = [m for m in smtp_server.messages if m["To"] == "ewa@example.org"]
    text = mail.get_body(("plain",)).get_content()
    link = re.search(r"https://campaign\.test(/pl/petitions/[^/\s]+/verify/\S+)", text).group(1)
    visitor = app.test_client()
    assert visitor.get(link).status_code == 200
    assert api.get(petition).json["total_signatures"] == 1  # opening the link is not enough
    assert visitor.post(link).status_code == 200
    assert api.get(petition).json["total_signatures"] == 2
    signatures = api.get(petition + "/signatures").json["_embedded"]["osdi:signatures"]
    assert {s["email_address"]: s["status"] for s in signatures}["ewa@example.org"] == "verified"


def test_known_and_unknown_addresses_get_the_same_answer(api, world):
    path = f"/api/v1/petitions/{world['a']['petition']}/signatures"
    first = api.post(path, json=SIGNATURE)
    again = api.post(path, json=SIGNATURE)
    signed_before = api.post(path, json={**SIGNATURE, "email_address": "ola@a.example.org"})
    new = api.post(path, json={**SIGNATURE, "email_address": "new@example.org"})
    assert {r.status_code for r in (first, again, signed_before, new)} == {202}
    assert len({r.get_data() for r in (first, again, signed_before, new)}) == 1
    emails = [s.email for s in db.session.scalars(db.select(Signature))
              if s.petition_id == world["a"]["petition"]]
    assert sorted(emails) == ["ewa@example.org", "new@example.org", "ola@a.example.org"]
    # The verified signer hears "already signed"; nothing else reveals it.
    assert [m.to_address for m in _outbox("petition_already_signed")] == ["ola@a.example.org"]


@pytest.mark.parametrize("change, field", [
    ({"consent": False}, "consent"),
    ({"email_address": "not an address"}, "email_address"),
    ({"country": "XX"}, "country"),
    ({"name": "http://spam.example"}, "name"),
    ({"name": 42}, "name"),
    ({"language": "de"}, "language"),
])
def test_invalid_signatures_get_the_forms_messages(api, world, change, field):
    response = api.post(f"/api/v1/petitions/{world['a']['petition']}/signatures",
                        json={**SIGNATURE, **change})
    assert response.status_code == 422
    assert response.json["error"] == "validation_failed" and response.json["fields"][field]
    assert db.session.scalar(db.select(db.func.count(Signature.id))) == 2  # the world's


def test_unreadable_bodies_are_400_and_closed_petitions_409(api, world):
    path = f"/api/v1/petitions/{world['a']['petition']}/signatures"
    assert api.post(path, data="name=x", content_type="text/plain").status_code == 400
    assert api.post(path, json=[1, 2]).status_code == 400
    response = api.client.post(path, data='{"name": "\\ud800"}', content_type="application/json",
                               headers={"Authorization": f"Bearer {world['owner']}"})
    assert response.status_code == 400
    db.session.get(Petition, world["a"]["petition"]).status = "closed"
    db.session.commit()
    assert api.post(path, json=SIGNATURE).status_code == 409


def test_an_attendance_is_requested_and_confirmed_by_its_owner(api, client, world):
    path = f"/api/v1/events/{world['a']['event']}/attendances"
    response = api.post(path, json=ATTEND)
    known = api.post(path, json={**ATTEND, "email_address": "ala@a.example.org"})
    assert response.status_code == known.status_code == 202
    assert response.get_data() == known.get_data()
    assert len(api.get(path).json["_embedded"]["osdi:attendances"]) == 1  # not yet
    [request] = db.session.scalars(db.select(RsvpRequest).where(
        RsvpRequest.email == "jan@example.org"))
    assert request.guests == 1 and _outbox("rsvp_request")
    from campaign.events import queries

    assert client.post(f"/en/events/a-vigil/confirm/{queries.confirm_token(request)}"
                       ).status_code == 302
    people = {a["email_address"]: a for a in api.get(path).json["_embedded"]["osdi:attendances"]}
    assert people["jan@example.org"]["status"] == "confirmed"
    assert api.post(path, json={**ATTEND, "guests": 9}).json["fields"]["guests"]


def test_events_are_created_and_changed_with_the_organisers_rules(api, world):
    response = api.post("/api/v1/events", json=EVENT)
    assert response.status_code == 201, response.json
    event = response.json
    assert event["slug"] == "vigil" and event["published"] is False
    assert event["start_date"] == "2030-06-01T18:00:00+02:00" and event["capacity"] == 40
    assert response.headers["Location"] == event["_links"]["self"]["href"]
    path = f"/api/v1/events/{event['id']}"
    changed = api.patch(path, json={"title": {"ru": "Бдение"}, "published": True,
                                    "city": "Kraków"}).json
    assert changed["title"] == {"en": "Vigil", "pl": "Czuwanie", "ru": "Бдение"}
    assert changed["city"] == "Kraków" and changed["published"] is True
    assert changed["browser_url"].endswith("/events/vigil")
    assert api.post("/api/v1/events", json=EVENT).json["fields"]["slug"]
    bad = api.post("/api/v1/events", json={**EVENT, "slug": "other",
                                          "end_date": "2030-06-01T17:00:00+02:00"})
    assert bad.status_code == 422 and bad.json["fields"]["end_date"]
    missing = api.post("/api/v1/events", json={"slug": "x"}).json["fields"]
    assert {"title.en", "start_date", "end_date"} <= set(missing)


def test_a_new_time_is_mailed_to_the_attendees(api, world):
    path = f"/api/v1/events/{world['a']['event']}"
    response = api.patch(path, json={"start_date": "2030-05-02T14:00:00+02:00",
                                     "end_date": "2030-05-02T15:00:00+02:00"})
    assert response.status_code == 200
    assert [m.to_address for m in _outbox("event_changed")] == ["ala@a.example.org"]


def test_key_dates_are_added_and_changed(api, world):
    response = api.post("/api/v1/key_dates", json={"kind": "plenary_vote", "date": "2030-05-09",
                                                   "time": "14:30",
                                                   "title": {"en": "Final vote"}})
    assert response.status_code == 201, response.json
    key_date = response.json
    assert (key_date["kind"], key_date["date"], key_date["time"]) == ("plenary_vote",
                                                                      "2030-05-09", "14:30")
    changed = api.patch(f"/api/v1/key_dates/{key_date['id']}", json={"yearly": True}).json
    assert changed["yearly"] is True and changed["title"] == {"en": "Final vote"}
    bad = api.post("/api/v1/key_dates", json={"date": "09/05/2030", "link": "javascript:x"})
    assert bad.status_code == 422 and {"date", "link", "title.en"} <= set(bad.json["fields"])


def test_messages_come_in_the_clients_language(api, world):
    response = api.post(f"/api/v1/petitions/{world['a']['petition']}/signatures",
                        json={**SIGNATURE, "consent": False},
                        headers={"Accept-Language": "pl"})
    assert response.status_code == 422
    assert response.json["message"] == "Niektóre pola są nieprawidłowe."


def test_an_address_that_looks_like_a_typo_is_taken_as_sent(api, world):
    """A page asks "did you mean protonmail.com?"; a program cannot answer, so the API takes
    the address it was given."""
    path = f"/api/v1/petitions/{world['a']['petition']}/signatures"
    answer = api.post(path, json={**SIGNATURE, "email_address": "ewa@protonmail.ch"})
    assert answer.status_code == 202, answer.get_json()
    assert "ewa@protonmail.ch" in [s.email for s in db.session.scalars(db.select(Signature))]
