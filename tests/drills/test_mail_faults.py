"""The mail worker under faults: killed with SIGKILL in the middle of a big send, and an SMTP
server that refuses connections for a while. Every recipient gets the message; a killed worker
may send at most one message twice per SMTP connection (the one the server accepted just before
the kill)."""
import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from campaign import config, create_app
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.mailing.models import MessageStatus, OutboxMessage
from tests.conftest import BASE_CONFIG
from tests.drills.conftest import server_env

PROJECT = Path(__file__).resolve().parents[2]


def queue_send(url: str, count: int) -> None:
    """A migrated database with *count* messages queued (as a bulk send leaves them)."""
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade()
        for number in range(count):
            outbox.enqueue("test_message", to=f"p{number}@example.org", lang="en",
                           key=f"drill:{number}", payload={"requested_by": "Olga",
                                                           "requested_at": "2026-11-22"})
        db.session.commit()
        db.engine.dispose()


def statuses(url: str) -> collections.Counter:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = collections.Counter(dict(conn.execute(
            sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status))
            .all()))
    engine.dispose()
    return found


def retried(url: str) -> int:
    """Messages that needed more than one attempt."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                            .where(OutboxMessage.attempts > 1))
    engine.dispose()
    return found


class Workers:
    """`flask campaign worker` processes on one database, pointed at the test's SMTP server."""

    def __init__(self, url: str, smtp_port: int, workdir: Path, **settings):
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith("CAMPAIGN_")}
        self.env.update(server_env(url, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_port,
                                   MAIL_TIMEOUT=5, **settings))
        self.workdir = workdir
        self.processes = []

    def start(self) -> subprocess.Popen:
        log = open(self.workdir / f"worker-{len(self.processes)}.log", "w")
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "campaign", "worker",
             "--interval", "0.2"], cwd=PROJECT, env=self.env, stdout=log,
            stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def logs(self) -> str:
        return "\n".join(path.read_text()[-3000:] for path in self.workdir.glob("worker-*.log"))


def wait_until(condition, timeout: float, poll: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return condition()


def delivered_to(smtp_server) -> collections.Counter:
    with smtp_server.handler.lock:
        return collections.Counter(rcpt for _, rcpts in smtp_server.handler.envelopes
                                   for rcpt in rcpts)


def check_all_delivered(url, smtp_server, count, duplicates_allowed):
    received = delivered_to(smtp_server)
    expected = {f"p{number}@example.org" for number in range(count)}
    missing = expected - set(received)
    assert not missing, f"{len(missing)} recipients got nothing, e.g. {sorted(missing)[:3]}"
    doubled = sum(times - 1 for times in received.values())
    assert doubled <= duplicates_allowed, f"{doubled} duplicates"
    assert statuses(url) == {MessageStatus.SENT: count}
    return doubled


def kill_drill(url, smtp_server, tmp_path, count, kills):
    queue_send(url, count)
    # Claims of a killed worker are taken over once their lease (3 s here) runs out.
    workers = Workers(url, smtp_server.port, tmp_path, MAIL_LEASE_SECONDS=3)
    try:
        worker = workers.start()
        for kill in range(kills):
            share = count * (kill + 1) // (kills + 2)
            assert wait_until(lambda: len(smtp_server.messages) >= share, 300), workers.logs()
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            worker = workers.start()
        assert wait_until(lambda: statuses(url).get(MessageStatus.SENT) == count, 600,
                          poll=0.5), (statuses(url), workers.logs())
    finally:
        workers.stop()
    return check_all_delivered(url, smtp_server, count,
                               duplicates_allowed=kills * config.MAIL_CONNECTIONS)


@pytest.mark.drill
def test_a_worker_killed_mid_send_and_restarted_delivers_everything(sqlite_database,
                                                                    smtp_server, tmp_path):
    kill_drill(sqlite_database, smtp_server, tmp_path, count=2000, kills=1)


@pytest.mark.drill
@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_twenty_thousand_with_three_kills(engine, request, smtp_server, tmp_path):
    url = request.getfixturevalue({"sqlite": "sqlite_database",
                                   "postgresql": "postgres_database"}[engine])
    doubled = kill_drill(url, smtp_server, tmp_path, count=20_000, kills=3)
    print(f"20,000 messages, 3 kills, {doubled} sent twice")


def refuse_connections(smtp_server, seconds: float) -> None:
    """Stop listening (connections are refused; a session under way may finish), then listen
    again on the same port after *seconds*."""
    controller = smtp_server.controller
    controller.loop.call_soon_threadsafe(controller.server.close)
    time.sleep(seconds)
    controller.stop(no_assert=True)
    smtp_server.controller = Controller(smtp_server.handler, hostname="127.0.0.1",
                                        port=smtp_server.port, server_hostname="smtp.test")
    smtp_server.controller.start()


def outage_drill(url, smtp_server, tmp_path, count, seconds):
    queue_send(url, count)
    # Retries after 2, 4, 8, 10, 10… seconds (the defaults start at a minute).
    workers = Workers(url, smtp_server.port, tmp_path, MAIL_RETRY_BASE_SECONDS=2,
                      MAIL_RETRY_CAP_SECONDS=10)
    try:
        workers.start()
        assert wait_until(lambda: len(smtp_server.messages) >= count // 4, 300), workers.logs()
        refuse_connections(smtp_server, seconds)
        assert wait_until(lambda: statuses(url).get(MessageStatus.SENT) == count, 300,
                          poll=0.5), (statuses(url), workers.logs())
    finally:
        workers.stop()
    assert retried(url), "the outage came too late to matter: nothing needed a retry"
    check_all_delivered(url, smtp_server, count, duplicates_allowed=0)


@pytest.mark.drill
def test_a_send_survives_the_smtp_server_refusing_connections_for_a_few_seconds(
        sqlite_database, smtp_server, tmp_path):
    outage_drill(sqlite_database, smtp_server, tmp_path, count=1000, seconds=4)


@pytest.mark.drill
def test_a_send_survives_thirty_seconds_of_refused_connections(postgres_database,
                                                               smtp_server, tmp_path):
    outage_drill(postgres_database, smtp_server, tmp_path, count=5000, seconds=30)
