"""Merge fields: "Hello {first_name}," reaches each person with their own first name."""
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign, page_text
from tests.messages.helpers import compose, message_id_of, run_worker, send
from campaign import clock


def test_each_attendee_reads_their_first_name_in_their_language(organiser_client, smtp_app,
                                                                smtp_server):
    campaign = create_campaign()
    # All before the 2017 event: once it is long past, retention has erased its attendees.
    with clock.travel(BEFORE):
        event = create_event(campaign)
        rsvp(event, "olga@example.org", name="Ольга Петрова", lang="ru")
        rsvp(event, "ewa@example.org", name="Ewa <b>Nowak</b>", lang="en")
        message_id = message_id_of(compose(
            organiser_client, campaign, f"event_attendees:{event.id}",
            en=("Hello {first_name}", "Dear {first_name|friend}, see you."),
            ru=("Здравствуйте, {first_name}", "Дорогая {first_name}, до встречи.")))
        send(organiser_client, message_id)
        run_worker(smtp_app)
    # The message, not the registration mail the worker may deliver in the same round.
    olga = next(m for m in smtp_server.to("olga@example.org")
                if m["Subject"].startswith("Здравствуйте"))
    assert olga["Subject"] == "Здравствуйте, Ольга"
    assert "Дорогая Ольга, до встречи." in olga.get_body(("plain",)).get_content()
    ewa = next(m for m in smtp_server.to("ewa@example.org") if m["Subject"].startswith("Hello"))
    assert ewa["Subject"] == "Hello Ewa"
    assert "Dear Ewa, see you." in ewa.get_body(("plain",)).get_content()


def test_an_unknown_field_is_warned_about_before_sending(organiser_client):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign)
        rsvp(event, "olga@example.org", name="Olga")
    message_id = message_id_of(compose(organiser_client, campaign, f"event_attendees:{event.id}",
                                       en=("Hello {name}", "Hi {first_name}.")))
    text = page_text(organiser_client.get(f"/organiser/messages/{message_id}"))
    assert "These fields are not known and will be sent as typed: {name}." in text


def test_without_a_name_the_fallback_is_used():
    from campaign.messages import merge
    assert merge.fill("Dear {first_name|friend},", {"first_name": ""}) == "Dear friend,"
    assert merge.fill("Dear {first_name},", {"first_name": "<Ala>"}, html=True) \
        == "Dear &lt;Ala&gt;,"
