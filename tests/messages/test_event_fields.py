"""{event} and {manage_link}: each attendee reads the event in their language and gets their
own manage link; other audiences cannot use them; the preview never shows a real link."""
import re

from campaign import clock
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign, page_text
from tests.messages.helpers import compose, message_id_of, run_worker, send
from tests.petitions.helpers import create_petition

TEXTS = {"en": {"title": "Protest in Brussels", "description": "Join us."},
         "pl": {"title": "Protest w Brukseli", "description": "Dołącz."}}


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_each_attendee_gets_the_event_in_their_language_and_their_own_link(
        organiser_client, smtp_app, smtp_server, client):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign, texts=TEXTS)
        rsvp(event, "ala@example.org", name="Ala Nowak", lang="pl")
        rsvp(event, "bob@example.org", name="Bob", lang="en")
        message_id = message_id_of(compose(
            organiser_client, campaign, f"event_attendees:{event.id}",
            en=("See you at {event}", "Hello {first_name}, change your plans: {manage_link}"),
            pl=("Do zobaczenia: {event}", "Cześć {first_name}, zmiany: {manage_link}")))
        send(organiser_client, message_id)
        run_worker(smtp_app)

    ala = next(m for m in smtp_server.to("ala@example.org") if "Do zobaczenia" in m["Subject"])
    assert ala["Subject"] == ("Do zobaczenia: Protest w Brukseli (piątek, 8 grudnia 2017, "
                              "12:00–13:00 CET)")
    bob = next(m for m in smtp_server.to("bob@example.org") if "See you" in m["Subject"])
    assert bob["Subject"] == ("See you at Protest in Brussels (Friday, 8 December 2017, "
                              "12:00–13:00 CET)")
    links = {}
    for name, mail in (("ala", ala), ("bob", bob)):
        text = _body(mail)
        links[name] = re.search(r"https://campaign\.test(/\w\w/rsvp/\S+)", text).group(1)
        html = mail.get_body(("html",)).get_content()
        assert f'href="https://campaign.test{links[name]}"' in html  # a link in HTML too
    assert links["ala"] != links["bob"]
    assert links["ala"].startswith("/pl/")
    with clock.travel(BEFORE):
        page = client.get(links["ala"])  # her own registration, without logging in
    assert page.status_code == 200
    assert "ala@example.org" in page.get_data(as_text=True)


def test_the_preview_fills_the_fields_for_a_made_up_recipient(organiser_client):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign, texts=TEXTS)
        rsvp(event, "ala@example.org", name="Ala", lang="pl")
    message_id = message_id_of(compose(
        organiser_client, campaign, f"event_attendees:{event.id}",
        en=("See you at {event}", "Hello {first_name}: {manage_link}")))
    text = page_text(organiser_client.get(f"/organiser/messages/{message_id}"))
    assert ("See you at Protest in Brussels (Friday, 8 December 2017, 12:00–13:00 CET)"
            in text)
    assert "Hello Alex: https://campaign.test/en/rsvp/sample-link" in text
    assert "Ala" not in text  # no real person's name or link


def test_event_fields_are_refused_for_other_audiences(organiser_client):
    campaign = create_campaign()
    petition = create_petition(campaign)
    response = compose(organiser_client, campaign, f"petition_signers:{petition.id}",
                       en=("News", "See you at {event}: {manage_link}"))
    assert response.status_code == 200  # the form again, nothing saved
    assert ("{event}, {manage_link} can only be filled in a message to the people of one "
            "event" in page_text(response))


def test_a_draft_with_event_fields_for_another_audience_is_not_sent(organiser_client):
    from campaign.extensions import db
    from campaign.messages import operations
    from campaign.messages.audiences import Audience
    from campaign.messages.models import MessageState
    from tests.messages.helpers import message
    campaign = create_campaign()
    petition = create_petition(campaign)
    draft = operations.create_message(  # written before the check existed, say
        campaign, audience=Audience.PETITION_SIGNERS, scope_id=petition.id,
        publish_as_update=False, texts={"en": {"subject": "News", "body": "At {event}."}})
    db.session.commit()
    page = page_text(organiser_client.get(f"/organiser/messages/{draft.id}"))
    assert "{event} can only be filled in a message to the people of one event" in page
    response = send(organiser_client, draft.id)
    assert ("{event} can only be filled in a message to the people of one event. Change the "
            "message before sending it." in page_text(organiser_client.get(
                response.headers["Location"])))
    assert message(draft.id).state == MessageState.DRAFT


def test_a_personal_link_is_never_published_as_an_update(organiser_client):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign, texts=TEXTS)
    response = compose(organiser_client, campaign, f"event_attendees:{event.id}", publish=True,
                       en=("News", "Change your plans: {manage_link}"))
    assert response.status_code == 200
    assert "it cannot be published on the campaign page" in page_text(response)


def test_an_update_reads_the_event_and_a_greeting_on_the_campaign_page(organiser_client,
                                                                       client, app):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign, texts=TEXTS)
        message_id = message_id_of(compose(
            organiser_client, campaign, f"event_attendees:{event.id}", publish=True,
            en=("Thank you for {event}", "Dear {first_name|friend}, it was **great**."),
            pl=("Dziękujemy za {event}", "Drogi {first_name|przyjacielu}, było super.")))
        send(organiser_client, message_id)
        run_worker(app)
        english = page_text(client.get(f"/en/campaigns/{campaign.slug}"))
        polish = page_text(client.get(f"/pl/campaigns/{campaign.slug}"))
    assert "Thank you for Protest in Brussels (Friday, 8 December 2017" in english
    assert "Dear friend, it was great" in english
    assert "Dziękujemy za Protest w Brukseli (piątek, 8 grudnia 2017" in polish
    assert "Drogi przyjacielu, było super." in polish
