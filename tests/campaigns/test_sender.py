"""A campaign's From name and Reply-To: every mail to its supporters (confirmations, messages)
goes out from the site's address under the campaign's name, replies go to the campaign's
address; letters to targets keep their writer's; nothing can add a header."""
import pytest

from campaign import clock
from campaign.campaigns.models import Campaign
from campaign.extensions import db
from campaign.mailing import scheduling, worker
from tests.campaigns.test_admin import campaign_form, field_error
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.letters.helpers import create_action, write
from tests.messages.helpers import compose, message_id_of, send

SITE = "Campaign <campaign@campaign.test>"
SENDER = {"sender_name": "Kazakhstan Solidarity", "reply_to": "team@solidarity.example"}


@pytest.fixture
def mail_app(make_app, smtp_server):
    app = make_app(**smtp_server.config, MAIL_DEFAULT_SENDER=SITE)
    with app.app_context():
        yield app
        db.session.remove()


def _from(message):
    return message["From"].addresses[0]


def test_supporter_mail_comes_under_the_campaigns_name_with_its_reply_to(mail_app,
                                                                        smtp_server):
    campaign = create_campaign(**SENDER)
    create_organiser()
    client = mail_app.test_client()
    log_in(client)
    with clock.travel(BEFORE):
        event = create_event(campaign)
        rsvp(event, "ala@example.org", name="Ala")
        worker.deliver_due(mail_app)  # her confirmation
        message_id = message_id_of(compose(client, campaign, f"event_attendees:{event.id}",
                                           en=("Bring a candle", "See you.")))
        send(client, message_id)
        scheduling.run_steps(every_step=True)
        worker.deliver_due(mail_app)

    mails = smtp_server.to("ala@example.org")
    assert len(mails) >= 2
    assert any(m["Subject"] == "Bring a candle" for m in mails)
    for mail in mails:  # the confirmation and the message alike
        assert _from(mail).display_name == "Kazakhstan Solidarity"
        assert _from(mail).addr_spec == "campaign@campaign.test"  # the site's address
        assert str(mail["Reply-To"]) == "Kazakhstan Solidarity <team@solidarity.example>"


def test_without_settings_mail_comes_from_the_site_without_reply_to(mail_app, smtp_server):
    campaign = create_campaign()
    with clock.travel(BEFORE):
        event = create_event(campaign)
        rsvp(event, "ala@example.org", name="Ala")
        worker.deliver_due(mail_app)
    [mail] = smtp_server.to("ala@example.org")
    assert str(mail["From"]) == SITE
    assert mail["Reply-To"] is None


def test_a_letter_keeps_its_writers_name_and_reply_to(mail_app, smtp_server):
    campaign = create_campaign(**SENDER)
    client = mail_app.test_client()
    action = create_action(campaign)
    write(client, action, name="Anna Kowalska", email="anna.k@example.org")
    worker.deliver_due(mail_app)
    [confirmation] = smtp_server.to("anna.k@example.org")
    assert _from(confirmation).display_name == "Kazakhstan Solidarity"  # to the supporter
    assert confirmation["Reply-To"].addresses[0].addr_spec == "team@solidarity.example"
    link = confirmation.get_body(("plain",)).get_content().split("https://campaign.test")[1]
    client.post(link.split()[0])
    scheduling.run_steps(every_step=True)
    worker.deliver_due(mail_app)

    letters = [m for m in smtp_server.messages if m["To"] != "anna.k@example.org"]
    assert letters
    for letter in letters:
        assert _from(letter).display_name == "Anna Kowalska via Free them"
        assert str(letter["Reply-To"]) == "Anna Kowalska <anna.k@example.org>"


@pytest.fixture
def organiser_client(client, app):
    create_organiser()
    log_in(client)
    return client


def test_the_settings_are_saved_from_the_campaign_form(organiser_client):
    response = organiser_client.post("/organiser/campaigns/new", data=campaign_form(
        sender_name="  Kazakhstan   Solidarity ", reply_to="team@solidarity.example"))
    assert response.status_code == 302
    campaign = db.session.scalar(db.select(Campaign))
    assert campaign.sender_name == "Kazakhstan Solidarity"
    assert campaign.reply_to == "team@solidarity.example"
    page = page_text(organiser_client.get(response.headers["Location"]))
    assert "The address stays the site's own (campaign@localhost)" in page


@pytest.mark.parametrize("field, value, error", [
    ("sender_name", "Solidarity\r\nBcc: everyone@example.org", "Write it on one line"),
    ("sender_name", "Bank <security@bank.example>", "without < or >"),
    ("sender_name", "Solidarity\u2028Bcc: everyone@example.org", "Write it on one line"),
    ("sender_name", "x" * 81, "longer than 80"),
    ("reply_to", "team@solidarity.example\r\nBcc: everyone@example.org", "Write it on one line"),
    ("reply_to", "not an address", "Enter a valid e-mail address"),
])
def test_a_value_that_could_add_a_header_is_refused(organiser_client, field, value, error):
    response = organiser_client.post("/organiser/campaigns/new",
                                     data=campaign_form(**{field: value}))
    assert response.status_code == 200
    assert error in field_error(response.get_data(as_text=True), field)
    assert db.session.scalar(db.select(Campaign)) is None
