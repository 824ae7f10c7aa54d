"""Registering for an event inside a frame: the public RSVP rules and mail."""
import re

import pytest

from campaign import clock
from campaign.events.models import RsvpStatus
from tests.embeds.helpers import OUR_ORIGIN, allow, form_token, frame_ancestors
from tests.events.helpers import (BEFORE, confirm_link, create_event, form, last_request_mail,
                                  outbox, rsvps)
from tests.factories import create_campaign


@pytest.fixture
def frame(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        clock.set_now(BEFORE)
        event = create_event(create_campaign())
        yield app, app.test_client(use_cookies=False), event


def test_a_registration_from_the_frame_is_confirmed_by_mail(frame):
    app, client, event = frame
    allow(event.campaign, "https://www.ngo.example")
    page = client.get("/ru/events/brussels-protest/embed")
    assert page.status_code == 200 and "Set-Cookie" not in page.headers
    assert frame_ancestors(page) == "frame-ancestors 'self' https://www.ngo.example"
    response = client.post("/ru/events/brussels-protest/embed",
                           data={**form(guests="2"), "form_token": form_token(page)},
                           headers=OUR_ORIGIN)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ru/events/brussels-protest/embed/sent")
    sent = client.get(response.headers["Location"])
    assert frame_ancestors(sent) == "frame-ancestors 'self' https://www.ngo.example"
    assert rsvps(event) == [], "a registration counts once confirmed"

    mail = last_request_mail()
    assert outbox("rsvp_request")[0].lang == "ru"
    confirmed = app.test_client()
    link = confirm_link(mail.text)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                     confirmed.get(link).get_data(as_text=True)).group(1)
    assert confirmed.post(link, data={"csrf_token": csrf}).status_code == 302
    [rsvp] = rsvps(event)
    assert (rsvp.status, rsvp.guests) == (RsvpStatus.CONFIRMED, 2)


def test_a_registration_posted_from_another_website_is_refused(frame):
    _, client, event = frame
    token = form_token(client.get("/en/events/brussels-protest/embed"))
    response = client.post("/en/events/brussels-protest/embed",
                           data={**form(), "form_token": token},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403  # not shown back filled in
    assert 'name="form_token"' not in response.get_data(as_text=True)
    assert outbox() == []


def test_known_and_new_addresses_get_the_same_answer_and_bots_nothing(frame):
    _, client, event = frame
    answers = []
    for values in (form(), form(), form(email="bot@example.org", website="x")):
        token = form_token(client.get("/en/events/brussels-protest/embed"))
        response = client.post("/en/events/brussels-protest/embed",
                               data={**values, "form_token": token}, headers=OUR_ORIGIN)
        answers.append((response.status_code, response.headers.get("Location")))
    assert len(set(answers)) == 1
    assert outbox(to="bot@example.org") == []


def test_bad_input_is_explained_and_a_closed_event_takes_nobody(frame):
    _, client, event = frame
    token = form_token(client.get("/en/events/brussels-protest/embed"))
    response = client.post("/en/events/brussels-protest/embed",
                           data={**form(guests="9", consent=None), "form_token": token},
                           headers=OUR_ORIGIN)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "You can bring at most 3 guests." in html
    assert "We need your agreement to register you." in html

    clock.set_now(event.ends_at)
    page = client.get("/en/events/brussels-protest/embed").get_data(as_text=True)
    assert "Registration for this event is closed." in page and "<form" not in page
    response = client.post("/en/events/brussels-protest/embed",
                           data={**form(), "form_token": token}, headers=OUR_ORIGIN)
    assert response.status_code == 409 and outbox() == []


def test_the_frame_shares_the_public_forms_rate_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_PUBLIC_WRITE="2 per minute")
    client = app.test_client()
    with app.app_context():
        clock.set_now(BEFORE)
        create_event(create_campaign())
        for number in range(2):
            assert client.post("/en/events/brussels-protest", data=form(
                email=f"a{number}@example.org")).status_code == 302
        response = client.post("/en/events/brussels-protest/embed", data=form())
        assert response.status_code == 429
        assert "You have sent too many requests" in response.get_data(as_text=True)
        assert frame_ancestors(response) == "frame-ancestors 'self'"
