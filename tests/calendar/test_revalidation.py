"""Polls answered in front of Flask (campaign/calendar/revalidation.py): the same 304 as the
view would send, never stale across servers, and everything else left to the view."""
import datetime as dt

import pytest

from campaign import clock
from campaign.extensions import db
from tests.factories import create_campaign, create_key_date

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
FEED = "/en/campaigns/free-them/calendar.ics"
#: What a 200 carries and a 304 does not.
BODY_HEADERS = {"Content-Type", "Content-Length", "Content-Disposition"}


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    campaign = create_campaign(slug="free-them")
    create_key_date(campaign, date=dt.date(2026, 12, 13))
    clock.set_now(NOW + dt.timedelta(minutes=5))
    return campaign


@pytest.fixture
def counted(make_app, campaign):
    """An app of its own (a new app server) and the requests that reached Flask in it."""
    calls = []
    app = make_app()
    app.before_request(lambda: calls.append(1))
    return app, calls


def test_a_poll_is_answered_before_flask_with_the_views_headers(counted):
    app, flask_calls = counted
    client = app.test_client()
    full = client.get(FEED, base_url="https://campaign.test")
    assert len(flask_calls) == 1
    for validator in ({"If-None-Match": full.headers["ETag"]},
                      {"If-None-Match": "W/" + full.headers["ETag"]},
                      {"If-Modified-Since": full.headers["Last-Modified"]}):
        poll = client.get(FEED, headers=validator, base_url="https://campaign.test")
        assert poll.status_code == 304 and poll.data == b""
        expected = {k: v for k, v in full.headers.items() if k not in BODY_HEADERS}
        assert dict(poll.headers) == expected
        assert "Strict-Transport-Security" in poll.headers
    assert len(flask_calls) == 1


def test_an_edit_through_another_server_is_seen_at_the_next_poll(make_app, campaign):
    """Server A answers 304; an organiser saves through server B in the same second (the
    clock stands still); A's very next answer is the new feed."""
    server_a, server_b = make_app().test_client(), make_app()
    tag = server_a.get(FEED).headers["ETag"]
    assert server_a.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    with server_b.app_context():
        from campaign.campaigns.models import Campaign

        create_key_date(db.session.get(Campaign, campaign.id), date=dt.date(2026, 12, 30),
                        texts={"en": {"title": "Added on server B"}})
    fresh = server_a.get(FEED, headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and b"Added on server B" in fresh.data


def test_what_is_not_a_current_poll_goes_to_the_view(app, campaign):
    """The layer only ever says 304: every other answer here is the view's (or Flask's)."""
    client = app.test_client()
    tag = client.get(FEED).headers["ETag"]
    create_campaign(slug="secret", status="draft")
    answers = [
        client.get(FEED, headers={"If-None-Match": '"old"'}).status_code,
        client.get("/en/campaigns/nowhere/calendar.ics",
                   headers={"If-None-Match": tag}).status_code,
        client.get("/en/campaigns/secret/calendar.ics", headers={"If-None-Match": tag}).status_code,
        client.get("/xx/campaigns/free-them/calendar.ics",
                   headers={"If-None-Match": tag}).status_code,
        client.post(FEED, headers={"If-None-Match": tag}).status_code,
    ]
    assert answers == [200, 404, 404, 404, 405]


def test_a_lost_database_connection_is_replaced_and_flask_answers_meanwhile(counted):
    app, flask_calls = counted
    client = app.test_client()
    tag = client.get(FEED).headers["ETag"]
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    reader = app.wsgi_app.reader
    reader.local.connection.close()  # as when the server restarts
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    assert len(flask_calls) == 2  # the first page, and the poll whose read failed
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    assert len(flask_calls) == 2  # a new connection answers again
