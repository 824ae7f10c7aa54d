"""Before sending the organiser sees how many people read each language and which of them
would get another language; once sending has started it cannot be called off; any message
can be copied into a new draft."""
import re

from campaign import clock
from campaign.messages.models import MessageState
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign, page_text
from tests.messages.helpers import compose, message, message_id_of, run_worker, send, signer
from tests.petitions.helpers import create_petition


def _petition_with_signers(**languages):
    campaign = create_campaign()
    petition = create_petition(campaign)
    number = 0
    for lang, count in languages.items():
        for _ in range(count):
            number += 1
            signer(petition, f"person{number}@example.org", lang=lang)
    return campaign, petition


def test_the_review_page_counts_recipients_per_language(organiser_client):
    campaign, petition = _petition_with_signers(ru=3, pl=2, en=1)
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"petition_signers:{petition.id}",
                                       en=("News", "Thank you."), ru=("Новости", "Спасибо.")))
    text = page_text(organiser_client.get(f"/organiser/messages/{message_id}"))
    assert "6 people will receive it." in text
    assert "By language: Русский: 3 Polski: 2 English: 1" in text
    assert ("No text in Polski: 2 people who speak it will receive the message in English."
            in text)
    assert "No text in Русский" not in text


def test_no_warning_when_every_language_spoken_is_written(organiser_client):
    campaign, petition = _petition_with_signers(ru=1, en=1)
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"petition_signers:{petition.id}",
                                       en=("News", "Thank you."), ru=("Новости", "Спасибо.")))
    text = page_text(organiser_client.get(f"/organiser/messages/{message_id}"))
    assert "No text in" not in text


def test_once_sending_started_it_cannot_be_cancelled(organiser_client, smtp_app):
    campaign, petition = _petition_with_signers(en=2)
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"petition_signers:{petition.id}"))
    send(organiser_client, message_id)
    page = page_text(organiser_client.get(f"/organiser/messages/{message_id}"))
    assert "Cancel this message" in page  # scheduled: not yet going out
    run_worker(smtp_app)
    assert message(message_id).state == MessageState.SENT

    page = organiser_client.get(f"/organiser/messages/{message_id}")
    assert "Cancel this message" not in page_text(page)
    response = organiser_client.post(f"/organiser/messages/{message_id}/cancel",
                                     follow_redirects=True)
    assert ("It is too late to cancel this message: it has started going out."
            in page_text(response))
    assert message(message_id).state == MessageState.SENT


def test_a_sent_message_is_duplicated_into_a_draft_to_edit(organiser_client, smtp_app):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign)
        rsvp(event, "ala@example.org", lang="en")
        message_id = message_id_of(compose(organiser_client, campaign,
                                           f"event_attendees:{event.id}",
                                           en=("Bring a candle", "See you **soon**."),
                                           ru=("Возьмите свечу", "До встречи.")))
        send(organiser_client, message_id)
        run_worker(smtp_app)

    response = organiser_client.post(f"/organiser/messages/{message_id}/duplicate")
    assert response.status_code == 302 and response.headers["Location"].endswith("/edit")
    copy_id = int(response.headers["Location"].split("/")[-2])
    assert copy_id != message_id
    edit = organiser_client.get(response.headers["Location"])
    text = page_text(edit)
    assert "This is a copy of “Bring a candle”" in text
    html = edit.get_data(as_text=True)
    assert 'value="Bring a candle"' in html and 'value="Возьмите свечу"' in html
    [chosen] = re.findall(r'<option[^>]*\bselected\b[^>]*>', html)
    assert f'value="event_attendees:{event.id}"' in chosen
    copy = message(copy_id)
    assert copy.state == MessageState.DRAFT and copy.text("body", "en") == "See you **soon**."
    assert message(message_id).state == MessageState.SENT  # the original stays as it was
