"""Organisers add, edit and delete a key date's reminders; bad input is answered by the field."""
import datetime as dt
import re

import pytest

from campaign.extensions import db
from campaign.messages.audiences import Audience
from campaign.reminders.models import KeyDateReminder
from tests.campaigns.test_admin import field_error
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_key_date, create_organiser, log_in, page_text


@pytest.fixture
def key_date(app):
    campaign = create_campaign(languages=["en", "ru"])
    return create_key_date(campaign, date=dt.date(2026, 12, 16), yearly=True)


@pytest.fixture
def organiser_client(client, app):
    create_organiser()
    log_in(client)
    return client


def reminder_form(**overrides):
    data = {"days_before": "1", "time_of_day": "08:00", "audience": "campaign_supporters",
            "text_en-subject": "Tomorrow: {date}", "text_en-body": "Please **come**.",
            "text_ru-subject": "Завтра: {date}", "text_ru-body": "Пожалуйста, **приходите**."}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_an_organiser_adds_edits_and_deletes_a_reminder(organiser_client, key_date):
    event = create_event(key_date.campaign, starts_at=dt.datetime(2026, 12, 16, 12, tzinfo=dt.UTC))
    page = organiser_client.get(f"/organiser/key-dates/{key_date.id}/reminders/new")
    assert page.status_code == 200
    assert 'name="text_pl-subject"' not in page.get_data(as_text=True)  # not offered in Polish

    response = organiser_client.post(f"/organiser/key-dates/{key_date.id}/reminders/new",
                                     data=reminder_form(audience=f"event_attendees:{event.id}"))
    assert response.status_code == 302
    reminder = db.session.scalar(db.select(KeyDateReminder))
    assert (reminder.audience, reminder.scope_id) == (Audience.EVENT_ATTENDEES, event.id)
    assert reminder.time_of_day == dt.time(8, 0) and reminder.text("subject", "ru") == "Завтра: {date}"
    listing = page_text(organiser_client.get(response.headers["Location"]))
    assert "Tomorrow: {date}" in listing and "1 day before, 08:00" in listing

    edit = organiser_client.get(f"/organiser/reminders/{reminder.id}")
    assert "Tomorrow: 16 December 2026" in page_text(edit)  # the preview
    assert "<strong>come</strong>" in edit.get_data(as_text=True)
    response = organiser_client.post(f"/organiser/reminders/{reminder.id}", data=reminder_form(
        days_before="0", catch_up="y", time_of_day="07:30"))
    assert response.status_code == 302
    db.session.expire_all()
    assert (reminder.days_before, reminder.catch_up, reminder.time_of_day) == (0, True,
                                                                               dt.time(7, 30))
    assert reminder.audience == Audience.CAMPAIGN_SUPPORTERS and reminder.scope_id is None

    response = organiser_client.post(f"/organiser/reminders/{reminder.id}/delete")
    assert response.status_code == 302
    assert db.session.scalar(db.select(KeyDateReminder)) is None


def test_deleting_a_key_date_deletes_its_reminders(organiser_client, key_date):
    organiser_client.post(f"/organiser/key-dates/{key_date.id}/reminders/new",
                          data=reminder_form())
    assert db.session.scalar(db.select(KeyDateReminder)) is not None
    response = organiser_client.post(f"/organiser/campaigns/key-dates/{key_date.id}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(KeyDateReminder)) is None


def test_bad_input_is_explained_next_to_each_field_and_nothing_is_saved(organiser_client,
                                                                       key_date):
    response = organiser_client.post(
        f"/organiser/key-dates/{key_date.id}/reminders/new",
        data=reminder_form(days_before="-1", time_of_day="", catch_up="y", audience="nobody",
                           **{"text_en-subject": "", "text_ru-body": ""}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "from 0 to 365" in field_error(html, "days_before")
    assert "Enter a time" in field_error(html, "time_of_day")
    assert "Not a valid choice" in field_error(html, "audience")
    assert "default language" in field_error(html, "text_en-subject")
    assert "or neither" in field_error(html, "text_ru-body")
    assert 'value="Please **come**."' in html or "Please **come**." in html  # kept
    assert db.session.scalar(db.select(KeyDateReminder)) is None

    response = organiser_client.post(f"/organiser/key-dates/{key_date.id}/reminders/new",
                                     data=reminder_form(catch_up="y"))
    assert response.status_code == 400
    assert "day itself" in field_error(response.get_data(as_text=True), "catch_up")


def test_the_pages_need_a_login_and_a_csrf_token(make_app, client, key_date):
    assert client.get(f"/organiser/key-dates/{key_date.id}/reminders/new").status_code == 302
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        guarded = app.test_client()
        create_organiser(email="csrf@example.org")
        login_page = guarded.get("/organiser/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"',
                          login_page).group(1)
        guarded.post("/organiser/login", data={"email": "csrf@example.org",
                                               "password": "correct horse battery",
                                               "csrf_token": token})
        response = guarded.post(f"/organiser/key-dates/{key_date.id}/reminders/new",
                                data=reminder_form())
        assert response.status_code == 400
        assert db.session.scalar(db.select(KeyDateReminder)) is None
