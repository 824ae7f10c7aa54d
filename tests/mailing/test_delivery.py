"""The worker against a real SMTP server: what arrives, retries, refusals, takeovers."""
import datetime as dt

import pytest

from campaign import clock
from campaign.mailing import worker
from campaign.mailing.models import Delivery, MessageStatus
from tests.mailing.helpers import queue, row_for, rows
from tests.smtp import free_port


def test_a_message_arrives_with_both_bodies_and_its_headers(mail_app, smtp_server, frozen_now):
    queue("ola@example.org", name="Ola")

    stats = worker.deliver_due(mail_app)

    assert (stats.claimed, stats.sent) == (1, 1)
    [message] = smtp_server.messages
    assert message["To"] == "ola@example.org"
    assert message["From"] == "campaign@localhost"
    assert message["Subject"] == "Logged in as Ola."
    assert "Note for Ola" in message.get_body(("plain",)).get_content()
    assert "<p>Note for Ola</p>" in message.get_body(("html",)).get_content()
    assert message["Message-ID"].endswith("@campaign.test>")
    assert message["List-Unsubscribe"].startswith("<https://campaign.test/en/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # On the wire as mail programs read it: one line, not folded into encoded words.
    [raw] = smtp_server.raw
    unsubscribe_line = f"List-Unsubscribe: {message['List-Unsubscribe']}\r\n".encode()
    assert unsubscribe_line in raw
    assert f"Message-ID: {message['Message-ID']}\r\n".encode() in raw
    assert message["Date"] == "Tue, 01 Dec 2026 09:00:00 +0000"
    # The EHLO name is the fixed domain too: no getfqdn anywhere.
    assert smtp_server.helo_names == {"campaign.test"}

    row = row_for("ola@example.org")
    assert row.status == MessageStatus.SENT and row.delivery == Delivery.SMTP
    assert row.was_delivered
    assert row.sent_at == frozen_now
    assert row.attempts == 1 and row.lease_until is None
    assert row.message_id == message["Message-ID"]
    assert row.subject == "Logged in as Ola."
    assert row.headers["List-Unsubscribe"] == message["List-Unsubscribe"]
    assert "Note for Ola" in row.body_text and "<p>Note for Ola</p>" in row.body_html


def test_transactional_mail_has_no_unsubscribe_header_and_ids_use_the_set_domain(
        make_app, smtp_server):
    from tests.mailing.helpers import with_test_templates

    app = with_test_templates(make_app(MAIL_MESSAGE_ID_DOMAIN="mail.example.net",
                                       MAIL_DEFAULT_SENDER=("Free them", "team@example.net"),
                                       **smtp_server.config))
    with app.app_context():
        queue("ola@example.org", kind="test_receipt", name="Ola")
        worker.deliver_due(app)

    [message] = smtp_server.messages
    assert message["Subject"] == "Receipt for Ola"
    assert message["From"] == "Free them <team@example.net>"
    assert message["Message-ID"].endswith("@mail.example.net>")
    assert message["List-Unsubscribe"] is None
    assert "unsubscribe" not in message.get_body(("plain",)).get_content().lower()


@pytest.mark.parametrize("connections", [1, 2])
def test_a_batch_uses_its_connections_and_nothing_is_sent_twice(mail_app, smtp_server,
                                                                connections):
    mail_app.config["MAIL_CONNECTIONS"] = connections
    for number in range(40):
        queue(f"person{number}@example.org")

    first = worker.deliver_due(mail_app)
    second = worker.deliver_due(mail_app)

    assert (first.sent, second.claimed) == (40, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        f"person{number}@example.org" for number in range(40))
    assert smtp_server.connections == connections


def test_mail_due_later_waits_until_it_is_due(mail_app, smtp_server, frozen_now):
    queue("later@example.org", due_at=frozen_now + dt.timedelta(hours=2))

    assert worker.deliver_due(mail_app).claimed == 0
    clock.advance(dt.timedelta(hours=2))
    assert worker.deliver_due(mail_app).sent == 1
    assert [m["To"] for m in smtp_server.messages] == ["later@example.org"]


def test_550_for_one_recipient_fails_that_row_and_the_others_arrive(mail_app, smtp_server):
    smtp_server.reject("nobody@example.org")
    for address in ("first@example.org", "nobody@example.org", "last@example.org"):
        queue(address)

    stats = worker.deliver_due(mail_app)

    assert (stats.sent, stats.failed) == (2, 1)
    assert sorted(m["To"] for m in smtp_server.messages) == ["first@example.org",
                                                             "last@example.org"]
    failed = row_for("nobody@example.org")
    assert failed.status == MessageStatus.FAILED
    assert failed.last_error.startswith("550 5.1.1")
    assert worker.deliver_due(mail_app).claimed == 0  # failed for good: never retried


def test_421_for_a_while_then_every_message_arrives_once(mail_app, smtp_server, frozen_now):
    smtp_server.fail_next(4)
    addresses = ["a@example.org", "b@example.org", "c@example.org"]
    for address in addresses:
        queue(address)

    assert worker.deliver_due(mail_app).retried == 3  # 421 each: one failure left
    assert smtp_server.messages == []
    assert all(row.status == MessageStatus.QUEUED and row.attempts == 1 for row in rows())
    assert {row.next_attempt_at for row in rows()} == {frozen_now + dt.timedelta(seconds=60)}
    assert rows()[0].last_error.startswith("421")
    assert worker.deliver_due(mail_app).claimed == 0  # backing off

    clock.advance(dt.timedelta(seconds=60))
    second = worker.deliver_due(mail_app)
    assert (second.retried, second.sent) == (1, 2)
    [still_waiting] = [row for row in rows() if row.status == MessageStatus.QUEUED]
    assert still_waiting.attempts == 2
    assert still_waiting.next_attempt_at == clock.now() + dt.timedelta(seconds=120)

    clock.advance(dt.timedelta(seconds=120))
    assert worker.deliver_due(mail_app).sent == 1
    assert sorted(m["To"] for m in smtp_server.messages) == addresses
    assert all(row.status == MessageStatus.SENT for row in rows())


def test_retries_stop_at_the_limit_and_the_row_fails(make_app, smtp_server, frozen_now):
    from tests.mailing.helpers import with_test_templates

    app = with_test_templates(make_app(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_BASE_SECONDS=10,
                                       MAIL_RETRY_CAP_SECONDS=15, **smtp_server.config))
    smtp_server.fail_next(100)
    with app.app_context():
        queue("a@example.org")
        worker.deliver_due(app)
        assert rows()[0].next_attempt_at == frozen_now + dt.timedelta(seconds=10)
        clock.advance(dt.timedelta(seconds=10))
        worker.deliver_due(app)
        assert rows()[0].next_attempt_at == clock.now() + dt.timedelta(seconds=15)  # the cap
        clock.advance(dt.timedelta(seconds=15))
        assert worker.deliver_due(app).failed == 1
        [row] = rows()
    assert row.status == MessageStatus.FAILED and row.attempts == 3
    assert row.last_error.startswith("421")


def test_an_unreachable_server_means_retry_for_every_message(make_app, frozen_now):
    from tests.mailing.helpers import with_test_templates

    app = with_test_templates(make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(),
                                       MAIL_SUPPRESS_SEND=False, MAIL_TIMEOUT=2))
    with app.app_context():
        for number in range(3):
            queue(f"p{number}@example.org")
        stats = worker.deliver_due(app)
        assert stats.retried == 3
        assert all(row.status == MessageStatus.QUEUED and row.attempts == 1
                   and "ConnectionRefusedError" in row.last_error for row in rows())


def test_rows_of_a_worker_that_died_are_delivered_once_after_its_lease(mail_app, smtp_server,
                                                                       frozen_now):
    addresses = [f"p{number}@example.org" for number in range(4)]
    for address in addresses:
        queue(address)
    # A worker claims the rows, then dies before sending or committing anything else.
    dead = worker.claim(10, "dead-worker")
    assert len(dead) == 4
    assert {row.status for row in rows()} == {MessageStatus.SENDING}

    assert worker.deliver_due(mail_app).claimed == 0  # its lease still holds
    clock.advance(dt.timedelta(seconds=mail_app.config["MAIL_LEASE_SECONDS"] + 1))
    stats = worker.deliver_due(mail_app, worker_id="next-worker")
    assert (stats.claimed, stats.sent) == (4, 4)
    assert worker.deliver_due(mail_app).claimed == 0

    assert sorted(m["To"] for m in smtp_server.messages) == addresses
    assert {row.claimed_by for row in rows()} == {"next-worker"}


def test_a_message_that_no_longer_applies_is_cancelled(mail_app, smtp_server):
    queue("gone@example.org", gone=True)
    assert worker.deliver_due(mail_app).cancelled == 1
    assert smtp_server.messages == []
    assert rows()[0].status == MessageStatus.CANCELLED


def test_a_failing_loader_is_retried_and_does_not_stop_the_batch(mail_app, smtp_server):
    queue("broken@example.org", broken=True)
    queue("fine@example.org")
    stats = worker.deliver_due(mail_app)
    assert (stats.retried, stats.sent) == (1, 1)
    broken = row_for("broken@example.org")
    assert broken.status == MessageStatus.QUEUED
    assert "the loader failed" in broken.last_error


def test_a_stop_request_finishes_the_current_message_and_releases_the_rest(mail_app,
                                                                           smtp_server):
    class StopAfterFirst:
        checks = 0

        def is_set(self):
            self.checks += 1
            return self.checks > 2  # checked once before claiming, then before each row

    for number in range(4):
        queue(f"p{number}@example.org")

    stats = worker.deliver_due(mail_app, stop=StopAfterFirst())

    assert (stats.claimed, stats.sent, stats.released) == (4, 1, 3)
    assert len(smtp_server.messages) == 1
    waiting = [row for row in rows() if row.status == MessageStatus.QUEUED]
    assert len(waiting) == 3
    assert all(row.lease_until is None and row.claimed_by is None and row.attempts == 0
               for row in waiting)
    assert worker.deliver_due(mail_app).sent == 3
    assert len(smtp_server.messages) == 4


def test_a_slow_batch_keeps_its_claim_on_the_rows_still_waiting(mail_app, smtp_server,
                                                                frozen_now):
    from tests.mailing.helpers import LEASE_PROBES

    LEASE_PROBES.clear()
    lease = mail_app.config["MAIL_LEASE_SECONDS"]
    queue("slow@example.org", takes=lease * 0.6)  # past half the lease…
    queue("probe@example.org", probe=True)  # …so the rows after it are claimed anew
    queue("last@example.org")

    assert worker.deliver_due(mail_app).sent == 3
    later = frozen_now + dt.timedelta(seconds=lease * 0.6)
    assert LEASE_PROBES == [[later + dt.timedelta(seconds=lease)] * 2]


def test_an_address_smtp_cannot_carry_fails_without_retries(mail_app, smtp_server):
    queue("żółw@example.org")
    queue("ok@example.org")
    stats = worker.deliver_due(mail_app)
    assert (stats.failed, stats.sent) == (1, 1)
    assert "UnicodeEncodeError" in row_for("żółw@example.org").last_error
