"""Polls answered in front of Flask (campaign/calendar/revalidation.py): the same 304 as the
view would send, never stale across servers, and everything else left to the view."""
import datetime as dt
import time

import pytest

from campaign import clock
from campaign.calendar.revalidation import NotifiedVersions
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


def listening(app):
    """The app's answerer after its first poll; on PostgreSQL, once its listener listens."""
    revalidation = app.wsgi_app
    if isinstance(revalidation.reader, NotifiedVersions):
        assert revalidation.reader.listening.wait(5)
    return revalidation


def heard_everything(app) -> None:
    """On PostgreSQL, wait until the app has heard every notification committed so far."""
    reader = app.wsgi_app.reader
    if isinstance(reader, NotifiedVersions):
        assert reader.barrier(), "the listener heard nothing for 5 s"


def test_an_edit_through_another_server_is_seen_at_the_next_poll(make_app, campaign):
    """Server A answers 304; an organiser saves through server B in the same second (the
    clock stands still); A's next answer, once B's commit has been announced, is the new feed
    (on SQLite every poll reads the row; on PostgreSQL the trigger's notification empties A's
    memory — the test waits until A has heard everything committed before it polls)."""
    app_a, server_b = make_app(), make_app()
    server_a = app_a.test_client()
    tag = server_a.get(FEED).headers["ETag"]
    assert server_a.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    listening(app_a)
    assert server_a.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    with server_b.app_context():
        from campaign.campaigns.models import Campaign

        create_key_date(db.session.get(Campaign, campaign.id), date=dt.date(2026, 12, 30),
                        texts={"en": {"title": "Added on server B"}})
    heard_everything(app_a)
    fresh = server_a.get(FEED, headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and b"Added on server B" in fresh.data


def test_an_edit_through_the_same_server_is_seen_at_once(make_app, campaign):
    """No waiting for the notification: a process's own commits empty its memory."""
    app = make_app()
    client = app.test_client()
    tag = client.get(FEED).headers["ETag"]
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    listening(app)
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    with app.app_context():
        from campaign.campaigns.models import Campaign

        create_key_date(db.session.get(Campaign, campaign.id), date=dt.date(2026, 12, 30),
                        texts={"en": {"title": "Added here"}})
    fresh = client.get(FEED, headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and b"Added here" in fresh.data


@pytest.fixture
def postgresql_only(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; on SQLite every poll reads the row")


def test_polls_on_postgresql_are_answered_from_memory_while_listening(
        postgresql_only, counted):
    app, flask_calls = counted
    client = app.test_client()
    tag = client.get(FEED).headers["ETag"]
    client.get(FEED, headers={"If-None-Match": tag})
    notified = listening(app).reader
    reads = []
    read = notified.reader.read
    notified.reader.read = lambda slug: reads.append(slug) or read(slug)
    answers = [client.get(FEED, headers={"If-None-Match": tag}).status_code for _ in range(5)]
    assert answers == [304] * 5
    assert reads == ["free-them"]  # the first fills the memory; the next four need no read
    assert len(flask_calls) == 1


def test_a_lost_listener_means_reading_again_until_it_listens_again(
        postgresql_only, make_app, campaign):
    """If the listening connection dies, nothing kept is trusted: a write made meanwhile is
    seen at the next poll, and the listener connects again."""
    app_a, server_b = make_app(), make_app()
    server_a = app_a.test_client()
    tag = server_a.get(FEED).headers["ETag"]
    server_a.get(FEED, headers={"If-None-Match": tag})
    notified = listening(app_a).reader
    notified.RETRY = 0.2
    with server_b.app_context():
        pids = [pid for (pid,) in db.session.execute(db.text(
            "SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN campaign_version'"))]
        assert pids
        for pid in pids:  # as when the database restarts
            db.session.execute(db.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    for _ in range(50):
        if not notified.listening.is_set():
            break
        time.sleep(0.05)
    assert not notified.listening.is_set()
    with server_b.app_context():
        from campaign.campaigns.models import Campaign

        create_key_date(db.session.get(Campaign, campaign.id), date=dt.date(2026, 12, 30),
                        texts={"en": {"title": "Added while deaf"}})
    fresh = server_a.get(FEED, headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and b"Added while deaf" in fresh.data
    assert notified.listening.wait(5)
    assert server_a.get(FEED, headers={"If-None-Match": fresh.headers["ETag"]}).status_code == 304


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
    reader = getattr(reader, "reader", reader)  # PostgreSQL: the reader behind the memory
    if isinstance(app.wsgi_app.reader, NotifiedVersions):
        app.wsgi_app.reader.stop()  # read every poll, as before the listener listens
        app.wsgi_app.reader.listening.clear()
        app.wsgi_app.reader.forget()
    reader.local.connection.close()  # as when the server restarts
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    assert len(flask_calls) == 2  # the first page, and the poll whose read failed
    assert client.get(FEED, headers={"If-None-Match": tag}).status_code == 304
    assert len(flask_calls) == 2  # a new connection answers again
