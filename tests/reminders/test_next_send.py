"""A key date's page lists each reminder's audience and next send, and warns when its time
has already passed."""
import datetime as dt

import pytest

from tests.factories import create_campaign, create_key_date, create_organiser, log_in, page_text
from tests.reminders.test_admin import reminder_form


@pytest.fixture
def organiser_client(client, app, frozen_now):  # 1 December 2026, 09:00 UTC (10:00 Brussels)
    create_organiser()
    log_in(client)
    return client


def add(client, key_date, **fields):
    return client.post(f"/organiser/key-dates/{key_date.id}/reminders/new",
                       data=reminder_form(**fields), follow_redirects=True)


def test_the_list_shows_audience_and_next_send_in_the_campaigns_zone(organiser_client):
    key_date = create_key_date(create_campaign(languages=["en", "ru"]),
                               date=dt.date(2026, 12, 16))
    text = page_text(add(organiser_client, key_date, days_before="1", time_of_day="08:00"))
    assert "To: Supporters of the campaign who opted in to updates" in text
    assert "Next send: 15 December 2026, 08:00 CET" in text
    assert "already passed" not in text


def test_a_time_already_past_today_is_warned_about(organiser_client):
    key_date = create_key_date(create_campaign(languages=["en", "ru"]),
                               date=dt.date(2026, 12, 1))
    # 08:00 in Brussels, an hour ago: within the grace period, so it goes out late.
    text = page_text(add(organiser_client, key_date, days_before="0", time_of_day="08:00"))
    assert text.count("Its time (1 December 2026, 08:00 CET) has already passed: the mail "
                      "worker sends it late, at its next round.") == 2  # flash and list
    # Yesterday's reminder for today: past the grace period, skipped.
    text = page_text(add(organiser_client, key_date, days_before="1", time_of_day="08:00"))
    assert "Its time (30 November 2026, 08:00 CET) has already passed: it will not be sent" \
        in text
