"""The attendee list at the venue: totals, filters, adding and removing, check-in, CSV."""
import csv
import io

import pytest

from campaign.events import rsvps as rsvp_writes
from campaign.events.models import RsvpStatus
from campaign.extensions import db
from tests.events.helpers import create_event, outbox, rsvp, rsvps


def list_url(event, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/organiser/events/{event.id}/attendees" + (f"?{query}" if query else "")


@pytest.fixture
def full_event(campaign):
    """Capacity 3: Ala (+1) and Borys confirmed, Celina (+1) waiting, Darek cancelled."""
    event = create_event(campaign, capacity=3)
    rsvp(event, "ala@example.org", name="Ala Nowak", guests=1)
    rsvp(event, "borys@example.org", name="Борис Петров")
    rsvp(event, "celina@example.org", name="Celina Wróbel", guests=1)
    darek = rsvp(event, "darek@example.org", name="Darek")
    rsvp_writes.cancel_rsvp(darek)
    db.session.commit()
    return event


def test_the_list_shows_totals_of_people_and_seats(organiser, full_event):
    html = organiser.get(list_url(full_event)).get_data(as_text=True)
    assert "Confirmed: 2 people, 3 seats of 3" in html
    assert "Waiting list: 1 person, 2 seats" in html
    assert "Cancelled: 1" in html
    for name in ("Ala Nowak", "Борис Петров", "Celina Wróbel", "Darek"):
        assert name in html
    assert "(position 1)" in html


@pytest.mark.parametrize("args, shown, hidden", [
    ({"status": "confirmed"}, ["Ala Nowak", "Борис Петров"], ["Celina", "Darek"]),
    ({"status": "waitlisted"}, ["Celina Wróbel"], ["Ala Nowak", "Darek"]),
    ({"status": "cancelled"}, ["Darek"], ["Ala Nowak", "Celina"]),
    ({"q": "Борис"}, ["Борис Петров"], ["Ala Nowak", "Celina"]),
    ({"q": "бОРИС"}, ["Борис Петров"], ["Ala Nowak", "Celina"]),
    ({"q": "WRÓB"}, ["Celina Wróbel"], ["Ala Nowak", "Борис"]),
    ({"q": "CELINA@"}, ["Celina Wróbel"], ["Ala Nowak"]),
    ({"q": "%"}, [], ["Ala Nowak", "Celina"]),
    ({"status": "nonsense"}, ["Ala Nowak", "Darek"], []),
])
def test_the_list_filters_by_status_and_searches(organiser, full_event, args, shown, hidden):
    html = organiser.get(list_url(full_event, **args)).get_data(as_text=True)
    for name in shown:
        assert name in html
    for name in hidden:
        assert f"<strong>{name}" not in html


def test_adding_someone_by_hand(organiser, full_event):
    response = organiser.post(list_url(full_event), data={
        "name": "Ewa", "email": "Ewa@Example.org", "guests": "0", "send_email": "y"})
    assert response.status_code == 302
    ewa = rsvps(full_event)[-1]
    assert (ewa.email, ewa.status, ewa.source) == ("ewa@example.org", RsvpStatus.WAITLISTED,
                                                   "organiser")
    assert outbox("rsvp_confirmation", to="ewa@example.org")
    assert "Ewa is on the list: Waiting list." in organiser.get(
        response.headers["Location"]).get_data(as_text=True)


def test_adding_someone_without_mail(organiser, campaign):
    event = create_event(campaign)
    organiser.post(list_url(event), data={"name": "Ewa", "email": "ewa@example.org"})
    assert rsvps(event)[0].status == RsvpStatus.CONFIRMED
    assert outbox() == []


def test_adding_refuses_bad_input(organiser, full_event):
    response = organiser.post(list_url(full_event), data={"name": "", "email": "nope"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Enter a name." in html and "Enter an e-mail address" not in html
    assert "Enter a valid e-mail address" in html
    assert len(rsvps(full_event)) == 4


def test_removing_someone_promotes_the_waiting_list(organiser, full_event):
    ala = rsvps(full_event)[0]
    organiser.post(f"/organiser/events/{full_event.id}/attendees/{ala.id}/remove")
    names = {r.name: r.status for r in rsvps(full_event)}
    assert "Ala Nowak" not in names
    assert names["Celina Wróbel"] == RsvpStatus.CONFIRMED
    assert [m.to_address for m in outbox("rsvp_promoted")] == ["celina@example.org"]


def test_an_rsvp_of_another_event_is_not_found(organiser, full_event, campaign):
    other = create_event(campaign, slug="other")
    stranger = rsvp(other, "x@example.org")
    url = f"/organiser/events/{full_event.id}/attendees/{stranger.id}/check-in"
    assert organiser.post(url).status_code == 404


def test_the_check_in_button_sets_the_state_and_returns_to_the_same_place(organiser, full_event):
    ala = rsvps(full_event)[0]
    url = f"/organiser/events/{full_event.id}/attendees/{ala.id}/check-in"
    back = list_url(full_event, status="confirmed") + f"#rsvp-{ala.id}"
    html = organiser.get(list_url(full_event)).get_data(as_text=True)
    assert 'name="arrived" value="1"' in html
    response = organiser.post(url, data={"next": back, "arrived": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    db.session.refresh(ala)
    assert ala.checked_in_at is not None
    html = organiser.get(list_url(full_event)).get_data(as_text=True)
    assert 'aria-pressed="true"' in html and "Checked in: <strong data-total=\"checked_in\">1" in html
    organiser.post(url, data={"arrived": "1"})  # a double tap, or a resent form
    db.session.refresh(ala)
    assert ala.checked_in_at is not None
    organiser.post(url, data={"arrived": "0"})
    db.session.refresh(ala)
    assert ala.checked_in_at is None


def test_the_check_in_answers_the_pages_script_in_json(organiser, full_event):
    ala = rsvps(full_event)[0]
    response = organiser.post(f"/organiser/events/{full_event.id}/attendees/{ala.id}/check-in",
                              data={"arrived": "1"}, headers={"Accept": "application/json"})
    assert response.get_json()["checked_in"] is True
    assert response.get_json()["totals"]["checked_in"] == 1


def test_the_check_in_refuses_to_send_visitors_elsewhere(organiser, full_event):
    ala = rsvps(full_event)[0]
    response = organiser.post(f"/organiser/events/{full_event.id}/attendees/{ala.id}/check-in",
                              data={"next": "https://evil.example/"})
    assert response.headers["Location"].endswith(list_url(full_event))


def test_html_in_names_is_escaped_in_the_organiser_list(organiser, campaign):
    event = create_event(campaign)
    rsvp(event, name='<img src=x onerror="alert(1)">')
    html = organiser.get(list_url(event)).get_data(as_text=True)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def read_csv(response, body=None):
    body = response.get_data() if body is None else body
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_keeps_cyrillic_and_polish_names_for_excel(organiser, full_event):
    response = organiser.get(f"/organiser/events/{full_event.id}/attendees.csv")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.content_type == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:6] == ["Name", "E-mail", "Guests", "Seats", "Status", "Waiting list"]
    assert [row[:6] for row in rows[1:]] == [
        ["Ala Nowak", "ala@example.org", "1", "2", "Confirmed", ""],
        ["Борис Петров", "borys@example.org", "0", "1", "Confirmed", ""],
        ["Celina Wróbel", "celina@example.org", "1", "2", "Waiting list", "1"],
        ["Darek", "darek@example.org", "0", "1", "Cancelled", ""],
    ]


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tTab", "\rReturn"])
def test_the_csv_defuses_formulas(organiser, campaign, name):
    event = create_event(campaign)
    rsvp(event, name=name)
    rsvp(event, "=1+1@example.org", name="Plain")
    rows = read_csv(organiser.get(f"/organiser/events/{event.id}/attendees.csv"))
    cells = {row[0]: row[1] for row in rows[1:]}
    assert cells["'" + name] == "ala@example.org"
    assert cells["Plain"] == "'=1+1@example.org"


def test_the_csv_streams_many_rows(organiser, campaign):
    from campaign.events.models import Rsvp

    event = create_event(campaign, capacity=None)
    db.session.add_all(Rsvp(event_id=event.id, name=f"Łucja {n}", email=f"p{n}@example.org",
                            lang="pl", consent_version="test", status=RsvpStatus.CONFIRMED)
                       for n in range(1500))
    db.session.commit()
    response = organiser.get(f"/organiser/events/{event.id}/attendees.csv")
    chunks = [chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in response.response]
    # Written in pieces of about 64 KiB (core/csv.py), not built whole.
    assert len(chunks) > 1 and max(len(chunk) for chunk in chunks) < 70_000
    rows = read_csv(response, b"".join(chunks))
    assert len(rows) == 1501 and rows[-1][0].startswith("Łucja")


def test_adding_someone_who_registered_keeps_their_own_consent_and_language(organiser, campaign):
    from campaign.events.forms import CONSENT_VERSION

    event = create_event(campaign)
    rsvp(event, "ewa@example.org", name="Ewa", lang="pl", wants_updates=True)
    organiser.post(list_url(event), data={"name": "Ewa K.", "email": "ewa@example.org",
                                          "guests": "1"})
    [ewa] = rsvps(event)
    assert (ewa.name, ewa.guests) == ("Ewa K.", 1)
    assert (ewa.lang, ewa.source, ewa.consent_version, ewa.wants_updates) == (
        "pl", "form", CONSENT_VERSION, True)
