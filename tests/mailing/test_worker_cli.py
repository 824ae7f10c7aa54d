"""`flask campaign worker`: --once, and a clean stop on SIGTERM."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import flask_migrate

from campaign import create_app
from campaign.extensions import db
from campaign.mailing import operations
from campaign.mailing.models import MessageStatus, OutboxMessage
from tests.conftest import BASE_CONFIG
from tests.mailing.helpers import queue, rows

PROJECT = Path(__file__).resolve().parents[2]


def test_once_delivers_everything_due_in_full_batches_then_exits(mail_app, smtp_server):
    for number in range(5):
        queue(f"p{number}@example.org")

    result = mail_app.test_cli_runner().invoke(args=["campaign", "worker", "--once",
                                                     "--batch", "2"])

    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 5
    assert {row.status for row in rows()} == {MessageStatus.SENT}


def test_bad_options_are_refused(mail_app):
    result = mail_app.test_cli_runner().invoke(args=["campaign", "worker", "--batch", "0"])
    assert result.exit_code == 2


def _database_with_queued_mail(url: str, count: int) -> None:
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade()
        for number in range(count):
            operations.queue_test_message(f"p{number}@example.org", "en", "Olga")
        db.session.commit()
        db.engine.dispose()


def _statuses(url: str) -> list:
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        result = db.session.execute(db.select(OutboxMessage.status, OutboxMessage.claimed_by,
                                              OutboxMessage.lease_until)).all()
        db.engine.dispose()
    return result


def test_sigterm_finishes_the_current_message_releases_the_rest_and_exits_0(tmp_path,
                                                                            smtp_server):
    url = f"sqlite:///{tmp_path / 'worker.sqlite'}"
    _database_with_queued_mail(url, 30)
    smtp_server.set_delay(0.2)  # slow enough to stop the worker in the middle of its batch
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("CAMPAIGN_") and key != "DATABASE_URL"}
    env.update(CAMPAIGN_SQLALCHEMY_DATABASE_URI=url, CAMPAIGN_SECRET_KEY="test-secret-key",
               CAMPAIGN_BASE_URL="https://campaign.test", CAMPAIGN_MAIL_SERVER="127.0.0.1",
               CAMPAIGN_MAIL_PORT=str(smtp_server.port))
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "campaign", "worker", "--batch", "30"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while len(smtp_server.messages) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(smtp_server.messages) >= 3, worker.stderr.read() if worker.poll() else ""
        worker.send_signal(signal.SIGTERM)
        returncode = worker.wait(timeout=30)
    finally:
        worker.kill()
    stderr = worker.stderr.read()

    assert returncode == 0, stderr
    assert "stopped" in stderr
    statuses = _statuses(url)
    sent = [row for row in statuses if row.status == MessageStatus.SENT]
    queued = [row for row in statuses if row.status == MessageStatus.QUEUED]
    assert not [row for row in statuses if row.status == MessageStatus.SENDING]
    assert len(sent) == len(smtp_server.messages)  # what arrived is recorded as sent
    assert len(sent) + len(queued) == 30 and queued  # stopped in the middle of the batch
    assert all(row.claimed_by is None and row.lease_until is None for row in queued)


def test_a_broken_scheduling_step_does_not_stop_delivery(mail_app, smtp_server):
    from campaign.mailing import scheduling

    def broken(now):
        raise ValueError("a bug in one step")

    scheduling.register(mail_app, "broken for this test", broken)
    queue("olga@example.org")
    result = mail_app.test_cli_runner().invoke(args=["campaign", "worker", "--once"])

    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 1, "the confirmation still goes out"
