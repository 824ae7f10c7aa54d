"""Unsubscribe by link or one-click POST; the suppression list is checked at send time."""
import datetime as dt
from urllib.parse import urlsplit

from campaign import clock
from campaign.core.signing import make_token
from campaign.extensions import db
from campaign.mailing import operations, worker
from campaign.mailing.links import address_key, unsubscribe_url
from campaign.mailing.models import MessageStatus, Suppression
from tests.mailing.helpers import queue, row_for, with_test_templates


def suppressed_addresses(*candidates):
    """Which of *candidates* (default: ola@example.org) are on the list (it holds hashes)."""
    db.session.expire_all()
    hashes = set(db.session.scalars(db.select(Suppression.address_hash)).all())
    return [a for a in candidates or ["ola@example.org"] if address_key(a) in hashes]


def test_one_click_post_without_cookies_unsubscribes_and_later_reminders_are_not_sent(
        make_app, smtp_server):
    # CSRF protection on, as in production: the one-click POST must still work.
    app = with_test_templates(make_app(WTF_CSRF_ENABLED=True, **smtp_server.config))
    with app.app_context():
        queue("ola@example.org")
        worker.deliver_due(app)
        [first] = smtp_server.messages
        link = first["List-Unsubscribe"].strip("<>")

        # What a mail provider sends (RFC 8058): a POST, no cookie, no token of ours.
        provider = app.test_client(use_cookies=False)
        assert provider.post("/organiser/logout").status_code == 400  # CSRF is on
        response = provider.post(urlsplit(link).path, data={"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert "You are unsubscribed" in response.get_data(as_text=True)
        assert suppressed_addresses() == ["ola@example.org"]

        queue("ola@example.org")  # a reminder queued later…
        queue("Ola@Example.org", kind="test_receipt")  # …and a confirmation
        stats = worker.deliver_due(app)

    assert (stats.suppressed, stats.sent) == (1, 1)
    assert [m["Subject"] for m in smtp_server.messages] == ["Logged in as ola.",
                                                            "Receipt for Ola"]


def test_a_message_queued_before_the_unsubscribe_is_not_sent(mail_app, smtp_server):
    queue("ola@example.org", name="Ola")
    url = unsubscribe_url("ola@example.org", "en")

    mail_app.test_client().post(urlsplit(url).path)
    stats = worker.deliver_due(mail_app)

    assert stats.suppressed == 1
    assert smtp_server.messages == []
    row = row_for("ola@example.org")
    assert row.status == MessageStatus.SUPPRESSED and row.sent_at is None


def test_the_link_asks_for_confirmation_before_unsubscribing(app, client):
    path = urlsplit(unsubscribe_url("Ola.Nowak@Example.org", "pl")).path
    assert path.startswith("/pl/unsubscribe/")

    response = client.get(path)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<form method="post">' in page and 'type="submit"' in page
    assert "Ola.Nowak" not in page and "example.org" not in page
    assert suppressed_addresses("ola.nowak@example.org") == []  # link scanners that follow it change nothing


def test_the_confirmation_button_unsubscribes(app, client):
    path = urlsplit(unsubscribe_url("ola@example.org", "en")).path
    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 200  # twice is fine
    assert suppressed_addresses() == ["ola@example.org"]


def test_links_work_for_a_year_then_expire(app, client):
    with clock.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        path = urlsplit(unsubscribe_url("ola@example.org", "en")).path
    with clock.travel(dt.datetime(2026, 12, 31, tzinfo=dt.UTC)):
        assert client.get(path).status_code == 200
    with clock.travel(dt.datetime(2027, 1, 2, tzinfo=dt.UTC)):
        response = client.post(path)
        assert response.status_code == 410
        assert "more recent e-mail" in response.get_data(as_text=True)
    assert suppressed_addresses() == []
    with clock.travel(dt.datetime(2026, 6, 1, tzinfo=dt.UTC)):
        assert client.post(path).status_code == 200
    assert suppressed_addresses() == ["ola@example.org"]


def test_the_token_and_the_list_hold_no_address(app, client):
    import base64

    path = urlsplit(unsubscribe_url("ola@example.org", "en")).path
    payload = path.rsplit("/", 1)[1].split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert "ola" not in decoded and "example" not in decoded
    client.post(path)
    [stored] = db.session.scalars(db.select(Suppression.address_hash)).all()
    assert len(stored) == 64 and "ola" not in stored


def test_forged_or_foreign_tokens_are_refused_without_an_error(app, client):
    path = urlsplit(unsubscribe_url("ola@example.org", "en")).path
    other_purpose = make_token("rsvp", "ola@example.org")
    for bad in (path[:-3] + "abc", "/en/unsubscribe/nonsense", f"/en/unsubscribe/{other_purpose}"):
        assert client.get(bad).status_code == 404
        response = client.post(bad)
        assert response.status_code == 404
        assert "This link does not work" in response.get_data(as_text=True)
    assert client.post("/xx/unsubscribe/" + path.rsplit("/", 1)[1]).status_code == 404
    assert suppressed_addresses() == []


def test_non_transactional_bodies_carry_the_link_and_transactional_ones_do_not(log_app):
    queue("ola@example.org")
    queue("ola@example.org", kind="test_receipt")
    worker.deliver_due(log_app)

    note, receipt = (row_for_kind(kind) for kind in ("test_note", "test_receipt"))
    assert "/en/unsubscribe/" in note.body_text and "/en/unsubscribe/" in note.body_html
    assert "unsubscribe" not in receipt.body_text.lower()
    assert "unsubscribe" not in receipt.body_html.lower()


def row_for_kind(kind):
    from tests.mailing.helpers import rows

    return next(row for row in rows() if row.kind == kind)


def test_addresses_are_suppressed_in_normalised_form(app):
    operations.unsubscribe("  Ola@Example.ORG ")
    operations.unsubscribe("ola@example.org")
    db.session.commit()
    assert suppressed_addresses() == ["ola@example.org"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Suppression)) == 1


def test_one_click_posts_are_rate_limited_per_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_UNSUBSCRIBE="2 per minute")
    with app.app_context():
        path = urlsplit(unsubscribe_url("ola@example.org", "en")).path
        client = app.test_client()
        assert [client.post(path).status_code for _ in range(3)] == [200, 200, 429]
        assert client.get(path).status_code == 200  # the page itself is not limited


def test_unsubscribe_links_mailed_before_the_upgrade_still_work(app, client):
    old = make_token("unsubscribe", "ola@example.org")  # the former format: the address
    assert client.post(f"/en/unsubscribe/{old}").status_code == 200
    assert suppressed_addresses() == ["ola@example.org"]
