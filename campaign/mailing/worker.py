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
import resource
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
from campaign.mailing.batch import Preparer
from campaign.mailing.links import normalise_address
from campaign.mailing.models import Delivery, MessageStatus, OutboxMessage
from campaign.mailing.recording import Recorder, replay_dead_journals
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
            replay_dead_journals()
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
    if not rows:
        return
    batch = _Batch(stats.worker_id, Transport() if smtp_configured() else None,
                   Recorder(stats.worker_id), Preparer(rows),
                   queries.suppressed_among(r.to_address for r in rows if not r.transactional),
                   messages.sender())
    lease_renewed_at = clock.now()
    try:
        for index, row in enumerate(rows):
            if stop is not None and stop.is_set():
                batch.recorder.flush()
                stats.count("released", release(rows[index:], stats.worker_id))
                return
            stats.count(batch.deliver(row))
            if clock.now() - lease_renewed_at > _lease() / 2:
                batch.recorder.flush()  # rows done are no longer "sending"
                lease_renewed_at = _extend_lease(rows[index + 1:], stats.worker_id)
    finally:
        try:
            batch.recorder.close()
        finally:
            if batch.transport is not None:
                batch.transport.close()
        if batch.recorder.lost:
            stats.count("lost", batch.recorder.lost)


@dataclass
class _Batch:
    """What delivering the rows of one claimed batch shares."""

    worker_id: str
    transport: Transport | None
    recorder: Recorder
    preparer: Preparer
    #: Normalised addresses among the batch's that are on the suppression list.
    suppressed: set
    sender: str

    def deliver(self, row) -> str:
        """Suppress, cancel, send (or log) one claimed row and record it; return the outcome."""
        if not row.transactional and normalise_address(row.to_address) in self.suppressed:
            return self.finish(row, MessageStatus.SUPPRESSED, "suppressed")
        try:
            prepared = self.preparer.prepare(row)
        except Exception as error:  # a loader or template bug must not stop the batch
            logger.exception("mail %s: rendering failed", row.id)
            db.session.rollback()
            return self.retry(row, f"rendering failed: {describe(error)}")
        if prepared.outcome == "cancelled":
            return self.finish(row, MessageStatus.CANCELLED, "cancelled")
        if prepared.outcome == "failed":  # e.g. a line break in the address: no retry helps
            return self.finish(row, MessageStatus.FAILED, "failed", last_error=prepared.error)
        attempts = row.attempts + 1
        if self.transport is None:
            return self.finish(row, MessageStatus.SENT, "logged", **prepared.content,
                               delivery=Delivery.LOG, sent_at=clock.now(), attempts=attempts)
        try:
            self.transport.send(self.sender, row.to_address, prepared.data)
        except Exception as error:  # smtplib raises OSError subclasses and SMTP* errors
            if is_permanent(error):
                return self.finish(row, MessageStatus.FAILED, "failed", **prepared.content,
                                   last_error=describe(error), attempts=attempts)
            return self.retry(row, describe(error), **prepared.content)
        return self.finish(row, MessageStatus.SENT, "sent", **prepared.content,
                           delivery=Delivery.SMTP, sent_at=clock.now(), attempts=attempts,
                           last_error=None)

    def finish(self, row, status: MessageStatus, outcome: str, **values) -> str:
        """Journal the row's result now; the database gets it with its chunk."""
        self.recorder.add(row.id, dict(status=status, lease_until=None, **values))
        return outcome

    def retry(self, row, error: str, **content) -> str:
        """Try again later (exponential backoff), or give up after MAIL_MAX_ATTEMPTS."""
        config = current_app.config
        attempts = row.attempts + 1
        if attempts >= config["MAIL_MAX_ATTEMPTS"]:
            return self.finish(row, MessageStatus.FAILED, "failed", last_error=error,
                               attempts=attempts, **content)
        delay = min(config["MAIL_RETRY_BASE_SECONDS"] * 2 ** (attempts - 1),
                    config["MAIL_RETRY_CAP_SECONDS"])
        return self.finish(row, MessageStatus.QUEUED, "retried", last_error=error,
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
    logger.info("mail worker %s stopped (peak memory %.1f MB)", worker_id, peak_memory_mb())


def peak_memory_mb() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
