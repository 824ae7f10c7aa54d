"""Feeds and .ics files that every client and shared cache handles: weak ETags answer 304, and
nothing in the answer depends on the visitor (no cookie set, no ``Vary: Cookie``)."""
import datetime as dt

import pytest

from campaign import clock
from tests.calendar.test_event_feed import START
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_key_date, create_organiser, log_in

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
FEED = "/en/campaigns/free-them/calendar.ics"


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them")
    create_key_date(campaign, date=dt.date(2026, 12, 13))
    create_event(campaign, starts_at=START)
    clock.set_now(NOW + dt.timedelta(minutes=5))
    return campaign


def test_a_weak_etag_from_a_gzipping_proxy_answers_304(client, campaign):
    tag = client.get(FEED).headers["ETag"]
    assert tag.startswith('"')
    for header in (f"W/{tag}", f'"something-else", W/{tag}', tag):
        response = client.get(FEED, headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.data == b"" and response.headers["ETag"] == tag


def test_a_weak_etag_of_an_older_version_gets_the_new_feed(client, campaign):
    tag = client.get(FEED).headers["ETag"]
    create_key_date(campaign, date=dt.date(2026, 12, 30), texts={"en": {"title": "New"}})
    response = client.get(FEED, headers={"If-None-Match": f"W/{tag}"})
    assert response.status_code == 200 and b"SUMMARY:New" in response.data


def _assert_shareable(response):
    assert response.status_code in (200, 304)
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.headers.get("Vary", "").lower()
    assert response.cache_control.public and response.cache_control.max_age


def test_feeds_and_ics_files_set_no_cookie_and_do_not_vary_by_cookie(client, campaign):
    """A browser that has a session and another language's cookie gets the same bytes as a
    calendar server that has neither: the language is in the URL."""
    key_date = campaign.key_dates[0]
    urls = [FEED, f"/ru/key-dates/{key_date.id}.ics", "/pl/events/brussels-protest.ics"]
    for url in urls:
        bare = client.get(url)
        _assert_shareable(bare)
    client.get("/en/campaigns/free-them")  # a page visit: language cookie, maybe a session
    client.set_cookie("lang", "pl")
    client.set_cookie("session", "anything")
    for url in urls:
        browser = client.get(url)
        _assert_shareable(browser)
        _assert_shareable(client.get(url, headers={"If-None-Match": browser.headers.get(
            "ETag", '"none"')}))


def test_pages_still_remember_the_language(client, campaign):
    response = client.get("/ru/campaigns/free-them")
    assert "lang=ru" in response.headers["Set-Cookie"]


def test_an_organisers_preview_of_an_unpublished_event_is_kept_by_no_cache(app, campaign):
    create_event(campaign, slug="draft-protest", starts_at=START, published=False)
    create_organiser()
    client = app.test_client()
    log_in(client)
    response = client.get("/en/events/draft-protest.ics")
    assert response.status_code == 200
    assert not response.cache_control.public and response.cache_control.no_store
