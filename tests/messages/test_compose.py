"""An organiser writes a message, sees who gets it, previews it, tests it and sends it once."""
import datetime as dt
import html
import re

from campaign import clock
from campaign.extensions import db
from campaign.mailing.operations import unsubscribe
from campaign.messages.models import MessageState, OrganiserMessage
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign, page_text
from tests.messages.helpers import (compose, message, message_id_of, outbox_rows, run_worker,
                                    send)


def _event_with_attendees():
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign, capacity=2)
        rsvp(event, "ala@example.org", lang="en")
        rsvp(event, "olga@example.org", name="Olga", lang="ru")
        rsvp(event, "ewa@example.org", name="Ewa", lang="pl")  # waiting list
    return campaign, event


def test_the_review_page_shows_the_count_and_a_preview_per_language(organiser_client):
    campaign, event = _event_with_attendees()
    response = compose(organiser_client, campaign, f"event_attendees:{event.id}",
                       en=("Bring a candle", "See you **tomorrow**."),
                       ru=("Возьмите свечу", "До **завтра**."))
    page = organiser_client.get(response.headers["Location"])
    text = page_text(page)
    assert "2 people will receive it." in text
    assert "Bring a candle" in text and "Возьмите свечу" in text
    assert "<strong>завтра</strong>" in page.get_data(as_text=True)
    assert "Send to 2 people" in text


def test_a_missing_default_text_is_explained_and_what_was_typed_stays(organiser_client):
    campaign, event = _event_with_attendees()
    response = compose(organiser_client, campaign, f"event_attendees:{event.id}",
                       en=("", "A body without a subject"), ru=("Тема", ""))
    assert response.status_code == 200
    text = page_text(response)
    assert "Required in English, the campaign's default language." in text
    assert "Write both the subject and the message in Русский, or neither." in text
    assert "A body without a subject" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(OrganiserMessage)) == 0


def test_an_update_only_message_needs_the_update_box(organiser_client):
    campaign, _event = _event_with_attendees()
    response = compose(organiser_client, campaign, "")
    assert "Choose who receives it, or publish it as an update." in page_text(response)


def test_the_same_form_sent_twice_makes_one_message(organiser_client):
    campaign, event = _event_with_attendees()
    first = compose(organiser_client, campaign, f"event_attendees:{event.id}", token="a" * 32)
    second = compose(organiser_client, campaign, f"event_attendees:{event.id}", token="a" * 32)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(db.select(db.func.count()).select_from(OrganiserMessage)) == 1


def test_sending_twice_enqueues_each_attendee_once(organiser_client, app):
    # The day after the RSVPs: long after the event, retention would have erased them.
    clock.set_now(BEFORE + dt.timedelta(days=1))
    campaign, event = _event_with_attendees()
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"event_attendees:{event.id}"))
    send(organiser_client, message_id)
    again = send(organiser_client, message_id)
    assert "This message was already sent." in page_text(
        organiser_client.get(again.headers["Location"]))
    run_worker(app)
    run_worker(app)
    assert [row.to_address for row in outbox_rows()] == ["ala@example.org", "olga@example.org"]
    assert message(message_id).state == MessageState.SENT


def test_a_test_goes_to_the_organiser_in_each_language(organiser_client, smtp_app,
                                                       smtp_server):
    campaign, event = _event_with_attendees()
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"event_attendees:{event.id}",
                                       en=("Hello", "English body"),
                                       ru=("Привет", "Русский текст")))
    organiser_client.post(f"/organiser/messages/{message_id}/test")
    run_worker(smtp_app)
    arrived = smtp_server.to("organiser@example.org")
    assert sorted(m["Subject"] for m in arrived) == ["[TEST] Hello", "[TEST] Привет"]
    marks = {m["Subject"]: m.get_body(("plain",)).get_content()[:7] for m in arrived}
    assert marks == {"[TEST] Hello": "[Test] ", "[TEST] Привет": "[Тест] "}, \
        "marked as a test, in its language"
    assert [m["To"] for m in smtp_server.messages if m["Subject"] == "[TEST] Hello"] == [
        "organiser@example.org"], "nobody else receives a test"
    assert message(message_id).state == MessageState.DRAFT


def test_an_organiser_who_unsubscribed_is_told_a_test_cannot_reach_them(organiser_client):
    campaign, event = _event_with_attendees()
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"event_attendees:{event.id}",
                                       en=("Hello", "English body")))
    unsubscribe("organiser@example.org")
    db.session.commit()
    response = organiser_client.post(f"/organiser/messages/{message_id}/test",
                                     follow_redirects=True)
    assert "has unsubscribed from campaign mail" in page_text(response)
    assert "on its way" not in page_text(response)
    assert outbox_rows() == [], "nothing queued that would only be dropped"


def test_organiser_pages_need_a_login(client, app):
    campaign = create_campaign()
    response = client.get(f"/organiser/messages/campaign/{campaign.id}/new")
    assert response.status_code == 302 and "/organiser/login" in response.headers["Location"]


def test_the_attendee_list_leads_to_a_message_for_them(organiser_client):
    campaign, event = _event_with_attendees()
    attendees = organiser_client.get(f"/organiser/events/{event.id}/attendees")
    link = re.search(r'href="([^"]+)">Write to the attendees', attendees.get_data(as_text=True))
    compose_page = organiser_client.get(html.unescape(link.group(1)))
    assert re.search(rf'<option selected value="event_attendees:{event.id}">',
                     compose_page.get_data(as_text=True))


def test_a_time_is_read_in_the_campaign_zone_and_must_lie_ahead(organiser_client, frozen_now):
    campaign, event = _event_with_attendees()
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"event_attendees:{event.id}"))
    for send_at, error in (("", "Enter the date and time to send it."),
                           ("2026-11-30T10:00", "This time has passed."),
                           ("2027-03-28T02:30", "This time does not exist in Europe/Brussels")):
        response = send(organiser_client, message_id, when="later", send_at=send_at)
        assert response.status_code == 400 and error in page_text(response)
        assert message(message_id).state == MessageState.DRAFT

    response = send(organiser_client, message_id, when="later", send_at="2026-12-02T10:00")
    page = page_text(organiser_client.get(response.headers["Location"]))
    assert "Sending starts at the chosen time." in page
    assert "Goes out 2 December 2026, 10:00 CET" in page
    assert message(message_id).send_at.isoformat() == "2026-12-02T09:00:00+00:00"

    organiser_client.post(f"/organiser/messages/{message_id}/cancel")
    assert message(message_id).state == MessageState.CANCELLED


def test_a_sent_message_can_no_longer_be_changed(organiser_client):
    campaign, event = _event_with_attendees()
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"event_attendees:{event.id}", en=("Hello", "Body")))
    send(organiser_client, message_id)
    response = organiser_client.post(f"/organiser/messages/{message_id}/edit", data={
        "audience": f"event_attendees:{event.id}", "text_en-subject": "Changed",
        "text_en-body": "Changed"})
    assert response.status_code == 302
    shown = page_text(organiser_client.get(response.headers["Location"]))
    assert "can no longer be changed" in shown
    assert message(message_id).text("subject", "en") == "Hello"


def test_a_draft_can_be_changed_before_it_goes(organiser_client):
    campaign, event = _event_with_attendees()
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"event_attendees:{event.id}", en=("Hello", "Body")))
    form = organiser_client.get(f"/organiser/messages/{message_id}/edit").get_data(as_text=True)
    assert 'value="Hello"' in form
    organiser_client.post(f"/organiser/messages/{message_id}/edit", data={
        "audience": f"event_waitlist:{event.id}", "text_en-subject": "A seat may free up",
        "text_en-body": "Stay tuned."})
    text = page_text(organiser_client.get(f"/organiser/messages/{message_id}"))
    assert "A seat may free up" in text and "1 person will receive it." in text
