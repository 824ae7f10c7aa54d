"""The manage link: see one's RSVP, change guests, cancel; expired and tampered links."""
import datetime as dt

import pytest

from campaign import clock
from campaign.events import queries
from campaign.events.models import RsvpStatus
from campaign.extensions import db
from campaign.mailing.render import render_row
from tests.events.helpers import (create_event, form, last_request_mail, manage_link, outbox,
                                  register, rsvp, rsvps)


def link_for(person, lang="en"):
    return f"/{lang}/rsvp/{queries.manage_token(person)}"


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_the_link_in_the_email_opens_the_rsvp_in_the_recipients_language(client, event, lang):
    register(client, url=f"/{lang}/events/brussels-protest", name="Ala", guests="1")
    path = manage_link(render_row(outbox("rsvp_confirmation")[0]).text)
    assert path.startswith(f"/{lang}/rsvp/")
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert "Ala" in html and "ala@example.org" in html
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_the_page_shows_a_confirmed_place(client, event):
    html = client.get(link_for(rsvp(event, guests=1))).get_data(as_text=True)
    assert "You have a place." in html
    assert "2 places in all" in html


def test_the_page_shows_the_waiting_list_position(client, campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, "a@example.org")
    rsvp(event, "b@example.org")
    waiting = rsvp(event, "c@example.org")
    html = client.get(link_for(waiting)).get_data(as_text=True)
    assert "You are on the waiting list, at position 2." in html


def test_changing_guests(client, event):
    person = rsvp(event, guests=0)
    response = client.post(link_for(person), data={"guests": "2"})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.guests == 2
    assert "Your registration has been updated." in client.get(
        response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("guests, message", [("4", "You can bring at most 3 guests."),
                                             ("-2", "cannot be negative"),
                                             ("x", "Enter a whole number")])
def test_changing_guests_refuses_bad_numbers(client, event, guests, message):
    person = rsvp(event, guests=1)
    response = client.post(link_for(person), data={"guests": guests})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.refresh(person)
    assert person.guests == 1


def test_more_guests_than_free_seats_leaves_the_rsvp_unchanged(client, campaign):
    event = create_event(campaign, capacity=3)
    person = rsvp(event, "a@example.org", guests=1)
    rsvp(event, "b@example.org")
    response = client.post(link_for(person), data={"guests": "2"})
    assert "not enough free seats" in client.get(response.headers["Location"]).get_data(
        as_text=True)
    db.session.refresh(person)
    assert (person.guests, person.status) == (1, RsvpStatus.CONFIRMED)


def test_cancelling_frees_the_place_for_the_waiting_list_and_tells_them(client, campaign):
    event = create_event(campaign, capacity=1)
    holder = rsvp(event, "a@example.org")
    rsvp(event, "b@example.org", name="Borys", lang="ru")
    link = link_for(holder)
    response = client.post(link + "/cancel")
    assert response.status_code == 302
    html = client.get(link).get_data(as_text=True)
    assert "You have cancelled your registration." in html
    assert [r.status for r in rsvps(event)] == [RsvpStatus.CANCELLED, RsvpStatus.CONFIRMED]
    [promoted] = outbox("rsvp_promoted")
    assert (promoted.to_address, promoted.lang) == ("b@example.org", "ru")
    assert "Borys" in render_row(promoted).text
    assert outbox("rsvp_cancelled")[0].to_address == "a@example.org"
    # Cancelling twice does nothing more.
    client.post(link + "/cancel")
    assert len(outbox("rsvp_promoted")) == 1 and len(outbox("rsvp_cancelled")) == 1


def test_a_cancelled_person_registers_again_from_the_manage_page_not_the_form(client, event):
    person = rsvp(event)
    client.post(link_for(person) + "/cancel")
    # The form does not revive it: it mails the manage link.
    client.post("/en/events/brussels-protest", data=form(name="Someone else"))
    assert rsvps(event)[0].status == RsvpStatus.CANCELLED
    mail = last_request_mail()
    assert manage_link(mail.text) == link_for(person)
    assert "You had cancelled your registration" in mail.text
    html = client.get(link_for(person)).get_data(as_text=True)
    assert "Register again" in html
    client.post(link_for(person) + "/rejoin")
    [again] = rsvps(event)
    assert again.status == RsvpStatus.CONFIRMED and again.name == "Ala"
    assert len(outbox("rsvp_confirmation")) == 2


def test_no_changes_once_the_event_has_started(client, event):
    person = rsvp(event, guests=1)
    clock.set_now(event.starts_at + dt.timedelta(minutes=1))
    html = client.get(link_for(person)).get_data(as_text=True)
    assert "Cancel my registration" not in html and 'name="guests"' not in html
    client.post(link_for(person), data={"guests": "0"})
    client.post(link_for(person) + "/cancel")
    db.session.refresh(person)
    assert (person.guests, person.status) == (1, RsvpStatus.CONFIRMED)


def test_the_link_expires_when_the_event_ends(client, event):
    link = link_for(rsvp(event))
    clock.set_now(event.ends_at + dt.timedelta(seconds=1))
    response = client.get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.get_data(as_text=True)
    assert client.post(link + "/cancel").status_code == 410


def test_the_link_follows_the_event_when_it_moves_later(client, event):
    from campaign.events import operations

    link = link_for(rsvp(event))
    operations.update_event(event, texts={}, starts_at=event.starts_at + dt.timedelta(days=7),
                                  ends_at=event.ends_at + dt.timedelta(days=7))
    db.session.commit()
    clock.set_now(event.ends_at - dt.timedelta(days=3))
    assert client.get(link).status_code == 200


def tampered(token: str) -> str:
    payload, rest = token.split(".", 1)
    return payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + rest


@pytest.mark.parametrize("make_path", [
    lambda token: f"/en/rsvp/{tampered(token)}",
    lambda token: f"/en/rsvp/{token[:-3]}",
    lambda token: "/en/rsvp/not-a-token",
    lambda token: "/en/rsvp/" + "A" * 3000,
])
def test_tampered_links_are_refused(client, event, make_path):
    token = queries.manage_token(rsvp(event))
    response = client.get(make_path(token))
    assert response.status_code == 404
    assert "This link is not valid" in response.get_data(as_text=True)
    assert client.post(make_path(token) + "/cancel").status_code == 404
    assert rsvps(event)[0].status == RsvpStatus.CONFIRMED


def test_a_link_signed_for_another_purpose_is_refused(client, event):
    from campaign.core.signing import make_token

    person = rsvp(event)
    forged = make_token("unsubscribe", [person.id, person.manage_key])
    assert client.get(f"/en/rsvp/{forged}").status_code == 404


def test_a_link_stops_working_when_the_rsvp_is_removed(client, event):
    from campaign.events import rsvps as rsvp_writes

    person = rsvp(event)
    link = link_for(person)
    rsvp_writes.remove_rsvp(person)
    db.session.commit()
    assert client.get(link).status_code == 404


def test_html_in_the_name_is_escaped_on_the_manage_page(client, event):
    person = rsvp(event, name='<script>alert("x")</script>')
    html = client.get(link_for(person)).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_manage_links_mailed_before_the_upgrade_still_work(client, event):
    from campaign.core.signing import make_token

    person = rsvp(event)
    old = make_token("rsvp", [person.id, person.manage_key])  # the former format
    assert client.get(f"/en/rsvp/{old}").status_code == 200
    assert client.get(f"/en/rsvp/{make_token('rsvp', [person.id, 'wrong'])}").status_code == 404
