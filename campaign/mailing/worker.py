"""The mail worker: claim a batch of due outbox rows, deliver it, repeat until stopped.

Claiming sets ``status=sending`` with a lease in a short transaction of its own (``FOR UPDATE
SKIP LOCKED`` on PostgreSQL, so workers never wait for or take each other's rows; on SQLite
the guarded UPDATE alone keeps one worker correct). The batch (MAIL_BATCH_SIZE rows, one SMTP
connection) is then prepared, sent and recorded by delivery.py: each result is journalled the
moment the server accepted the message and committed in chunks (recording.py), every write
guarded by the claim (``status='sending' AND claimed_by=me``), so a row marked sent is never
claimed again. A worker that dies leaves its rows ``sending`` and its journal: the next batch
on this machine records what the journal says was sent, and once the lease expires the rows
left are taken over. The one window left is a kill between the server's acceptance and the
journal line: that message may go twice, with the same Message-ID (see message.message_id).
"""
import logging
import os
import resource
import secrets
import signal
import socket
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.extensions import db
from campaign.mailing import scheduling
from campaign.mailing.delivery import deliver_batch, lease
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.recording import replay_dead_journals
from campaign.mailing.transport import smtp_configured

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
            deliver_batch(claim(limit, stats.worker_id), stats, stop)
        if stats.claimed:
            logger.info(stats.line(time.monotonic() - started))
        return stats


def due_condition(now):
    """Queued and due, or claimed by a worker whose lease ran out."""
    return sa.or_(
        sa.and_(M.status == MessageStatus.QUEUED, M.next_attempt_at <= now),
        sa.and_(M.status == MessageStatus.SENDING,
                sa.or_(M.lease_until.is_(None), M.lease_until < now)))


#: What delivering a row reads: claim returns these columns, not ORM objects (building 1,000
#: of those cost more than the statement).
CLAIMED_COLUMNS = (M.id, M.kind, M.key, M.to_address, M.lang, M.payload, M.campaign_id,
                   M.transactional, M.attempts, M.next_attempt_at, M.due_at)


def claim(limit: int, worker_id: str) -> list:
    """Mark up to *limit* due rows as ours in one short transaction; return them (named rows,
    in due order). On PostgreSQL the candidates are locked with SKIP LOCKED, so two workers
    never wait for each other; on SQLite the condition in the UPDATE keeps the claim correct.

    Two statements, not ``UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)``:
    PostgreSQL may run such a subquery more than once and then claims more than *n* rows.
    """
    now = clock.now()
    candidates = db.session.scalars(
        sa.select(M.id).where(due_condition(now)).order_by(M.next_attempt_at, M.id)
        .limit(limit).with_for_update(skip_locked=True)).all()
    claimed = []
    if candidates:  # the condition again: on SQLite another worker may have been quicker
        claimed = db.session.execute(
            sa.update(M).where(M.id.in_(candidates), due_condition(now))
            .values(status=MessageStatus.SENDING, claimed_by=worker_id,
                    lease_until=now + lease())
            .returning(*CLAIMED_COLUMNS).execution_options(synchronize_session=False)).all()
    db.session.commit()
    return sorted(claimed, key=lambda row: (row.next_attempt_at, row.id))


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
