"""Organisers create and edit campaigns and key dates; bad input is answered next to the field."""
import datetime as dt

import pytest

from campaign.campaigns.models import Campaign, KeyDate
from campaign.extensions import db
from tests.factories import create_campaign, create_key_date, create_organiser, log_in


@pytest.fixture
def organiser_client(client, app):
    create_organiser()
    log_in(client)
    return client


def campaign_form(**overrides):
    data = {"slug": "free-them", "status": "active", "languages": ["en", "ru", "pl"],
            "default_language": "en", "timezone": "Europe/Brussels",
            "contact_name": "Anna", "contact_email": "Anna@Example.org",
            "text_en-title": "Free them", "text_en-summary": "Now",
            "text_ru-title": "Освободите их", "text_pl-title": ""}
    data.update(overrides)
    return data


def field_error(html, field_id):
    """The error text shown right after the field with *field_id*."""
    marker = f'id="{field_id}-error"'
    assert marker in html, f"no error next to {field_id}"
    start = html.index(marker)
    return html[html.index(">", start) + 1:html.index("</p>", start)]


def test_an_organiser_creates_a_campaign_in_two_languages(organiser_client):
    response = organiser_client.post("/organiser/campaigns/new", data=campaign_form())
    assert response.status_code == 302
    campaign = db.session.scalar(db.select(Campaign))
    assert campaign.text("title", "ru") == "Освободите их"
    assert campaign.text("title", "pl") == "Free them"  # falls back
    assert not campaign.has_text("pl")
    assert campaign.contact_email == "anna@example.org"
    html = organiser_client.get("/ru/campaigns/free-them").get_data(as_text=True)
    assert "Освободите их" in html


def test_editing_shows_the_stored_texts_and_saves_changes(organiser_client):
    campaign = create_campaign()
    form = organiser_client.get(f"/organiser/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'value="Free them"' in form
    response = organiser_client.post(f"/organiser/campaigns/{campaign.id}", data=campaign_form(
        **{"text_en-title": "Free them all"}))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).text("title", "en") == "Free them all"


@pytest.mark.parametrize("field, value, field_id, message", [
    ("slug", "", "slug", "This field is required."),
    ("slug", "Free Them!", "slug", "Use lower-case letters"),
    ("slug", "x" * 81, "slug", "longer than 80"),
    ("contact_email", "not-an-email", "contact_email", "Invalid email address."),
    ("contact_name", "", "contact_name", "This field is required."),
    ("timezone", "Mars/Olympus", "timezone", "Not a valid choice."),
    ("text_en-title", "", "text_en-title", "Required in English"),
    ("text_en-title", "t" * 201, "text_en-title", "longer than 200"),
    ("default_language", "pl", "default_language", "must be one of the languages offered"),
])
def test_bad_campaign_input_is_answered_next_to_the_field(organiser_client, field, value,
                                                          field_id, message):
    data = campaign_form(**{field: value})
    if field == "default_language":
        data["languages"] = ["en", "ru"]
        data["text_pl-title"] = "x"
    response = organiser_client.post("/organiser/campaigns/new", data=data)
    assert response.status_code == 200
    assert message in field_error(response.get_data(as_text=True), field_id)
    assert db.session.scalar(db.select(db.func.count()).select_from(Campaign)) == 0


def test_bad_input_messages_are_in_the_pages_language(organiser_client):
    organiser_client.set_cookie("lang", "ru")
    response = organiser_client.post("/organiser/campaigns/new",
                                     data=campaign_form(contact_email="nope", slug=""))
    html = response.get_data(as_text=True)
    assert '<html lang="ru">' in html
    assert "Обязательное поле." in field_error(html, "slug")


def test_a_taken_slug_is_answered_next_to_the_field(organiser_client):
    create_campaign(slug="free-them")
    response = organiser_client.post("/organiser/campaigns/new", data=campaign_form())
    assert "Another campaign already uses this address." in field_error(
        response.get_data(as_text=True), "slug")


def test_key_dates_are_added_edited_and_removed(organiser_client):
    campaign = create_campaign()
    response = organiser_client.post(f"/organiser/campaigns/{campaign.id}/key-dates/new", data={
        "kind": "anniversary", "date": "2011-12-16", "yearly": "y", "time": "",
        "text_en-title": "Zhanaozen", "text_ru-title": "Жанаозен"})
    assert response.status_code == 302
    key_date = db.session.scalar(db.select(KeyDate))
    assert key_date.yearly and key_date.date == dt.date(2011, 12, 16) and key_date.all_day
    organiser_client.post(f"/organiser/campaigns/key-dates/{key_date.id}", data={
        "kind": "plenary_vote", "date": "2026-12-14", "time": "12:30",
        "link": "https://www.europarl.europa.eu/", "text_en-title": "Vote"})
    db.session.expire_all()
    key_date = db.session.get(KeyDate, key_date.id)
    assert key_date.time == dt.time(12, 30) and not key_date.yearly
    assert not key_date.has_text("ru")
    organiser_client.post(f"/organiser/campaigns/key-dates/{key_date.id}/delete")
    assert db.session.scalar(db.select(KeyDate)) is None


@pytest.mark.parametrize("overrides, field_id, message", [
    ({"date": ""}, "date", "Enter a date."),
    ({"date": "2026-02-30"}, "date", "Enter a date."),
    ({"time": "25:00"}, "time", "Not a valid time value."),
    ({"kind": "party"}, "kind", "Not a valid choice."),
    ({"link": "javascript:alert(1)"}, "link", "Enter a full web address"),
    ({"text_en-title": ""}, "text_en-title", "Required in English"),
])
def test_bad_key_date_input_is_answered_next_to_the_field(organiser_client, overrides,
                                                          field_id, message):
    campaign = create_campaign()
    data = {"kind": "other", "date": "2026-12-13", "time": "", "text_en-title": "Debate",
            **overrides}
    response = organiser_client.post(f"/organiser/campaigns/{campaign.id}/key-dates/new",
                                     data=data)
    assert response.status_code == 200
    assert message in field_error(response.get_data(as_text=True), field_id)
    assert db.session.scalar(db.select(KeyDate)) is None


def test_unknown_campaigns_and_key_dates_are_404(organiser_client):
    assert organiser_client.get("/organiser/campaigns/999").status_code == 404
    assert organiser_client.post("/organiser/campaigns/key-dates/999/delete").status_code == 404


def test_the_dashboard_lists_every_campaign_including_drafts(organiser_client):
    create_campaign(slug="draft-one", status="draft", texts={"en": {"title": "Draft one"}})
    html = organiser_client.get("/organiser/").get_data(as_text=True)
    assert "Draft one" in html


def test_an_unknown_default_language_is_answered_next_to_the_field(organiser_client):
    create_campaign()
    campaign = db.session.scalar(db.select(Campaign))
    response = organiser_client.post(f"/organiser/campaigns/{campaign.id}",
                                     data=campaign_form(default_language="xx"))
    assert response.status_code == 200
    assert field_error(response.get_data(as_text=True), "default_language")


def test_text_with_a_nul_character_is_refused_with_a_message(organiser_client):
    response = organiser_client.post("/organiser/campaigns/new",
                                     data=campaign_form(**{"text_en-summary": "Now\x00"}))
    assert response.status_code == 200
    assert "Please remove the invisible control characters." in field_error(
        response.get_data(as_text=True), "text_en-summary")
    assert db.session.scalar(db.select(Campaign)) is None
