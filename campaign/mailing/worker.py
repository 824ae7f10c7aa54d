"""Deliver due outbox rows: claim a batch, render, send over one connection, record each.

Claiming sets ``status=sending`` with a lease in a short transaction of its own (``FOR UPDATE
SKIP LOCKED`` on PostgreSQL, so workers never wait for or take each other's rows; on SQLite
the guarded UPDATE alone keeps one worker correct). Each row is then recorded in its own
commit right after the SMTP server accepted it, and every write is guarded by the claim
(``status='sending' AND claimed_by=me``), so a row marked sent is never claimed again. A worker
that dies leaves its rows ``sending``; once the lease expires the next run takes them over.
The one window left is a crash between the server's acceptance and the commit: that message
may go twice, with the same Message-ID (see :func:`message.message_id`).
"""
import logging
import os
import secrets
import signal
import socket
import time
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.extensions import db
from campaign.mailing import message as messages
from campaign.mailing import queries, scheduling
from campaign.mailing.models import Delivery, MessageStatus, OutboxMessage
from campaign.mailing.render import render_row
from campaign.mailing.transport import Transport, describe, is_permanent, smtp_configured

logger = logging.getLogger("campaign.mailing.worker")
M = OutboxMessage


@dataclass
class Stats:
    """What one batch did; ``outcomes`` counts rows per result (sent, logged, retried…)."""

    worker_id: str
    claimed: int = 0
    outcomes: dict = field(default_factory=dict)

    def count(self, outcome: str, number: int = 1) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + number

    def __getattr__(self, outcome):  # stats.sent, stats.failed… (0 when none)
        if outcome.startswith("_") or outcome == "outcomes":
            raise AttributeError(outcome)
        return self.outcomes.get(outcome, 0)

    def line(self, seconds: float) -> str:
        counts = " ".join(f"{name}={number}" for name, number in sorted(self.outcomes.items()))
        return (f"mail batch worker={self.worker_id} claimed={self.claimed} {counts} "
                f"in {seconds:.2f}s")


def default_worker_id() -> str:
    """host-pid-random: tells workers apart in claimed_by (gethostname does no DNS lookup)."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"[:80]


def deliver_due(app=None, *, limit: int | None = None, worker_id: str | None = None,
                stop=None) -> Stats:
    """Claim up to *limit* due rows and deliver them; stop early (releasing) when *stop*
    (anything with ``is_set()``: a :class:`StopFlag`, a threading.Event) is set.

    Runs in an app context of its own, so its session is its own (also in a thread).
    """
    app = app or current_app._get_current_object()
    with app.app_context():
        limit = limit or current_app.config["MAIL_BATCH_SIZE"]
        stats = Stats(worker_id or default_worker_id())
        started = time.monotonic()
        if stop is None or not stop.is_set():
            _deliver_batch(claim(limit, stats.worker_id), stats, stop)
        if stats.claimed:
            logger.info(stats.line(time.monotonic() - started))
        return stats


def due_condition(now):
    """Queued and due, or claimed by a worker whose lease ran out."""
    return sa.or_(
        sa.and_(M.status == MessageStatus.QUEUED, M.next_attempt_at <= now),
        sa.and_(M.status == MessageStatus.SENDING,
                sa.or_(M.lease_until.is_(None), M.lease_until < now)))


def claim(limit: int, worker_id: str) -> list[OutboxMessage]:
    """Mark up to *limit* due rows as ours in one short transaction; return them detached."""
    now = clock.now()
    candidates = db.session.scalars(
        sa.select(M.id).where(due_condition(now)).order_by(M.next_attempt_at, M.id)
        .limit(limit).with_for_update(skip_locked=True)).all()
    claimed = []
    if candidates:  # the condition again: on SQLite another worker may have been quicker
        claimed = db.session.scalars(
            sa.update(M).where(M.id.in_(candidates), due_condition(now))
            .values(status=MessageStatus.SENDING, claimed_by=worker_id,
                    lease_until=now + _lease())
            .returning(M.id).execution_options(synchronize_session=False)).all()
    db.session.commit()
    if not claimed:
        return []
    rows = db.session.scalars(sa.select(M).where(M.id.in_(claimed))
                              .order_by(M.next_attempt_at, M.id)).all()
    for row in rows:  # later commits must not expire (and reload) them
        db.session.expunge(row)
    return rows


def _lease() -> timedelta:
    return timedelta(seconds=current_app.config["MAIL_LEASE_SECONDS"])


def _deliver_batch(rows, stats: Stats, stop) -> None:
    stats.claimed = len(rows)
    transport = Transport() if smtp_configured() else None
    lease_renewed_at = clock.now()
    try:
        for index, row in enumerate(rows):
            if stop is not None and stop.is_set():
                stats.count("released", release(rows[index:], stats.worker_id))
                return
            stats.count(deliver_one(row, stats.worker_id, transport))
            if clock.now() - lease_renewed_at > _lease() / 2:
                lease_renewed_at = _extend_lease(rows[index + 1:], stats.worker_id)
    finally:
        if transport is not None:
            transport.close()


def deliver_one(row, worker_id: str, transport: Transport | None) -> str:
    """Suppress, cancel, send (or log) one claimed row and record it; return the outcome."""
    if not row.transactional and queries.is_suppressed(row.to_address):
        return _finish(row, worker_id, MessageStatus.SUPPRESSED, "suppressed")
    try:
        rendered = render_row(row)
    except Exception as error:  # a loader or template bug must not stop the batch
        logger.exception("mail %s: rendering failed", row.id)
        db.session.rollback()
        return _retry(row, worker_id, f"rendering failed: {describe(error)}")
    if rendered is None:
        return _finish(row, worker_id, MessageStatus.CANCELLED, "cancelled")
    try:
        email = messages.build(row, rendered)
    except ValueError as error:  # e.g. a line break in the address: no retry will help
        return _finish(row, worker_id, MessageStatus.FAILED, "failed", last_error=str(error))
    content = _content(email, rendered)
    if transport is None:
        return _finish(row, worker_id, MessageStatus.SENT, "logged", **content,
                       delivery=Delivery.LOG, sent_at=clock.now(), attempts=M.attempts + 1)
    try:
        transport.send(messages.sender(), row.to_address, email.as_bytes())
    except Exception as error:  # smtplib raises OSError subclasses and SMTP* errors
        if is_permanent(error):
            return _finish(row, worker_id, MessageStatus.FAILED, "failed", **content,
                           last_error=describe(error), attempts=M.attempts + 1)
        return _retry(row, worker_id, describe(error), **content)
    return _finish(row, worker_id, MessageStatus.SENT, "sent", **content,
                   delivery=Delivery.SMTP, sent_at=clock.now(), attempts=M.attempts + 1,
                   last_error=None)


def _content(email, rendered) -> dict:
    return dict(subject=rendered.subject[:300], body_text=rendered.text,
                body_html=rendered.html, message_id=str(email["Message-ID"]),
                headers=messages.logged_headers(email))


def _finish(row, worker_id: str, status: MessageStatus, outcome: str, **values) -> str:
    """Record the row's result in a commit of its own, if the row is still ours."""
    result = db.session.execute(
        sa.update(M).where(M.id == row.id, M.status == MessageStatus.SENDING,
                           M.claimed_by == worker_id)
        .values(status=status, lease_until=None, **values)
        .execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount != 1:  # our lease ran out and another worker took the row over
        logger.warning("mail %s: claim lost before recording %s", row.id, outcome)
        return "lost"
    return outcome


def _retry(row, worker_id: str, error: str, **content) -> str:
    """Try again later (exponential backoff), or give up after MAIL_MAX_ATTEMPTS."""
    config = current_app.config
    attempts = row.attempts + 1
    if attempts >= config["MAIL_MAX_ATTEMPTS"]:
        return _finish(row, worker_id, MessageStatus.FAILED, "failed", last_error=error,
                       attempts=attempts, **content)
    delay = min(config["MAIL_RETRY_BASE_SECONDS"] * 2 ** (attempts - 1),
                config["MAIL_RETRY_CAP_SECONDS"])
    return _finish(row, worker_id, MessageStatus.QUEUED, "retried", last_error=error,
                   attempts=attempts, claimed_by=None,
                   next_attempt_at=clock.now() + timedelta(seconds=delay), **content)


def release(rows, worker_id: str) -> int:
    """Give claimed rows back untouched (queued, no lease), e.g. when asked to stop."""
    if not rows:
        return 0
    result = db.session.execute(
        sa.update(M).where(M.id.in_([row.id for row in rows]),
                           M.status == MessageStatus.SENDING, M.claimed_by == worker_id)
        .values(status=MessageStatus.QUEUED, lease_until=None, claimed_by=None)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount


def _extend_lease(rows, worker_id: str):
    """Keep a slow batch's remaining rows ours; return when the lease was renewed."""
    now = clock.now()
    if rows:
        db.session.execute(
            sa.update(M).where(M.id.in_([row.id for row in rows]),
                               M.status == MessageStatus.SENDING, M.claimed_by == worker_id)
            .values(lease_until=now + _lease()).execution_options(synchronize_session=False))
        db.session.commit()
    return now


class StopFlag:
    """Set by a signal handler. A plain flag: threading.Event.set takes a lock the interrupted
    code may hold, which can deadlock inside a handler."""

    def __init__(self):
        self._set = False

    def set(self, *_signal_args) -> None:
        self._set = True

    def is_set(self) -> bool:
        return self._set

    def wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._set and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(0.2, left))


def run(app, *, once: bool = False, interval: float | None = None,
        batch: int | None = None) -> None:
    """Deliver batches until SIGTERM/SIGINT (or, with *once*, until nothing is due).

    A signal lets the current message finish, gives the rest of the batch back and returns.
    """
    interval = interval if interval is not None else app.config["MAIL_WORKER_INTERVAL"]
    batch = batch or app.config["MAIL_BATCH_SIZE"]
    app.logger  # noqa: B018  (Flask adds its stderr handler to "campaign" on first use)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    stop, worker_id = StopFlag(), default_worker_id()
    previous = {sig: signal.signal(sig, stop.set) for sig in (signal.SIGTERM, signal.SIGINT)}
    logger.info("mail worker %s started (%s)", worker_id,
                "SMTP" if _with_app(app, smtp_configured) else "no MAIL_SERVER: local mail log")
    scheduled_at = None
    try:
        while not stop.is_set():
            if scheduled_at is None or time.monotonic() - scheduled_at >= app.config[
                    "SCHEDULING_INTERVAL"]:
                _schedule(app, worker_id, once)
                scheduled_at = time.monotonic()
            full = _one_round(app, batch, worker_id, stop, once)
            if once and not full:
                break
            if not full:
                stop.wait(interval)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    logger.info("mail worker %s stopped", worker_id)


def _schedule(app, worker_id: str, once: bool) -> None:
    """Run the scheduling steps (reminders, bulk fan-out): they enqueue what is now due."""
    try:
        _with_app(app, lambda: scheduling.run_steps(every_step=once))
    except sa.exc.SQLAlchemyError:
        if once:
            raise
        logger.exception("mail worker %s: database error while scheduling", worker_id)


def _one_round(app, batch: int, worker_id: str, stop, once: bool) -> bool:
    """One batch; True when it was full (more may be due at once)."""
    try:
        return deliver_due(app, limit=batch, worker_id=worker_id, stop=stop).claimed >= batch
    except sa.exc.SQLAlchemyError:
        if once:
            raise
        # The database went away: wait and try again; our claims expire with their lease.
        logger.exception("mail worker %s: database error, retrying", worker_id)
        return False


def _with_app(app, function):
    with app.app_context():
        return function()
