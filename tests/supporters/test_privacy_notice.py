"""Each campaign's privacy notice (/<lang>/campaigns/<slug>/privacy), written from the settings
in force and the campaign's privacy contact, in en, ru and pl, linked beside every form."""
import pytest

from campaign import clock
from campaign.campaigns.models import Campaign
from campaign.extensions import db
from tests.events.helpers import BEFORE, create_event
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.letters.helpers import create_action
from tests.petitions.helpers import create_petition

NOTICE = "/{lang}/campaigns/free-them/privacy"


@pytest.fixture
def campaign(app):
    clock.set_now(BEFORE)
    campaign = create_campaign()
    create_event(campaign)
    create_petition(campaign)
    create_action(campaign)
    return campaign


@pytest.mark.parametrize("lang, words", [
    ("en", ["Privacy notice", "Registering for an event", "Signing a petition",
            "Writing to your representatives", "90 days after the event ends",
            "183 days after the petition closes", "48 hours", "No one else", "Organiser"]),
    ("ru", ["Уведомление о конфиденциальности", "Регистрация на мероприятие",
            "Подпись под петицией", "Письмо вашим представителям", "90 дней", "183 дня",
            "48 часов", "Организатор"]),
    ("pl", ["Informacja o prywatności", "Rejestracja na wydarzenie", "Podpisanie petycji",
            "List do przedstawicieli", "90 dni", "183 dni", "48 godzin", "Organizator"])])
def test_the_notice_says_what_each_form_keeps_in_three_languages(client, campaign, lang, words):
    response = client.get(NOTICE.format(lang=lang))
    assert response.status_code == 200
    text = page_text(response)
    for word in words:
        assert word in text, word
    # Who holds the data: no holder set, so the campaign's contact.
    assert "Anna Kowalska" in text and "anna@example.org" in text
    assert f'href="/{lang}/my-data"' in response.get_data(as_text=True)


def test_the_notice_follows_the_settings_in_force(client, campaign, monkeypatch, app):
    for name, value in {"RETAIN_RSVP_DAYS": 14, "RETAIN_SIGNATURE_DAYS": 30,
                        "RETAIN_LETTER_DAYS": 7, "RETAIN_MAIL_DAYS": 10,
                        "RSVP_CONFIRM_HOURS": 72, "MY_DATA_LINK_MINUTES": 20}.items():
        monkeypatch.setitem(app.config, name, value)
    text = page_text(client.get(NOTICE.format(lang="en")))
    assert "14 days after the event ends" in text
    assert "30 days after the petition closes" in text
    assert "7 days after the action closes" in text
    assert "address and its text for 10 days" in text
    assert "at most 72 hours" in text
    assert "works for 20 minutes" in text


def test_only_the_forms_the_campaign_has_are_described(client, app):
    campaign = create_campaign()
    create_petition(campaign)
    text = page_text(client.get(NOTICE.format(lang="en")))
    assert "Signing a petition" in text
    assert "Registering for an event" not in text and "Writing to your" not in text
    assert client.get("/en/campaigns/no-such/privacy").status_code == 404


def test_the_organiser_sets_who_holds_the_data(client, app, campaign):
    create_organiser()
    log_in(client)
    form = client.get(f"/organiser/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'name="privacy_holder"' in form and 'name="privacy_email"' in form
    response = client.post(f"/organiser/campaigns/{campaign.id}", data={
        "slug": "free-them", "status": "active", "languages": ["en", "ru", "pl"],
        "default_language": "en", "timezone": "Europe/Brussels",
        "contact_name": "Anna Kowalska", "contact_email": "anna@example.org",
        "privacy_holder": "Open Dialogue Foundation, Warsaw <b>",
        "privacy_email": "Privacy@Example.org", "text_en-title": "Free them"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).privacy_email == "privacy@example.org"
    html = client.get(NOTICE.format(lang="pl")).get_data(as_text=True)
    assert "Open Dialogue Foundation, Warsaw &lt;b&gt;" in html
    assert 'href="mailto:privacy@example.org"' in html
    bad = client.post(f"/organiser/campaigns/{campaign.id}", data={
        "slug": "free-them", "status": "active", "languages": ["en"], "default_language": "en",
        "timezone": "Europe/Brussels", "contact_name": "Anna", "contact_email": "a@example.org",
        "privacy_email": "not an address", "text_en-title": "Free them"})
    assert bad.status_code == 200 and 'id="privacy_email-error"' in bad.get_data(as_text=True)


@pytest.mark.parametrize("page", ["/en/events/brussels-protest", "/en/petitions/stop-torture",
                                  "/en/letters/write-meps?country=PL", "/en/my-data",
                                  "/en/campaigns/free-them"])
def test_every_form_links_the_notice(client, campaign, page):
    html = client.get(page).get_data(as_text=True)
    assert 'href="/en/campaigns/free-them/privacy"' in html
