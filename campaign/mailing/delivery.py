"""Deliver one claimed batch: prepare messages in this thread, send and record in others.

Preparing (loading, rendering, building the bytes) is CPU work; sending is mostly waiting for
the SMTP server. So sender threads send what this thread prepared, while the next messages are
prepared (a few dozen ahead at most): ``MAIL_CONNECTIONS`` of them, each on its own SMTP
connection, so that one sends while the others wait for the server's replies (with one, the
rows go in their order). Each sender sends, records its rows (see recording.py: its own
journal at once, the database in chunks) and looks at the stop flag once before each row: when
it is set, the messages under way finish and the rows no sender handled are given back.
"""
import logging
import queue
import threading
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.extensions import db
from campaign.mailing import mime
from campaign.mailing import queries
from campaign.mailing.batch import Prepared, Preparer
from campaign.mailing.links import normalise_address
from campaign.mailing.models import Delivery, MessageStatus, OutboxMessage
from campaign.mailing.recording import Recorder
from campaign.mailing.render import on_base_url
from campaign.mailing.transport import Transport, describe, is_permanent, smtp_configured

logger = logging.getLogger("campaign.mailing.worker")
M = OutboxMessage
#: Messages prepared ahead of the one being sent.
AHEAD = 32
_FLUSH, _DONE = object(), object()


@dataclass
class _Item:
    row: OutboxMessage
    prepared: Prepared | None = None
    #: Decided before sending: "suppressed", or "retry" (loading or rendering failed).
    outcome: str | None = None
    error: str | None = None


def lease() -> timedelta:
    return timedelta(seconds=current_app.config["MAIL_LEASE_SECONDS"])


def deliver_batch(rows, stats, stop) -> None:
    """Deliver the claimed *rows*, counting outcomes in *stats*; see the module's text."""
    stats.claimed = len(rows)
    if rows:
        _Pipeline(rows, stats, stop).run()


class _Pipeline:
    def __init__(self, rows, stats, stop):
        self.app = current_app._get_current_object()
        self.rows, self.stats, self.stop = rows, stats, stop
        self.worker_id = stats.worker_id
        self.queue = queue.Queue(maxsize=AHEAD)
        self.handled: set[int] = set()  # ids of the rows a sender is done with
        self.lock = threading.Lock()  # for self.handled and self.stats
        self.stopped = False
        self.error: BaseException | None = None
        self.senders = [threading.Thread(target=self._send_all, name=f"mail-sender-{n}",
                                         daemon=True)
                        for n in range(max(1, current_app.config["MAIL_CONNECTIONS"]))]
        self.barrier = threading.Barrier(len(self.senders))

    # -- this thread: prepare --------------------------------------------------------------

    def run(self) -> None:
        with on_base_url():  # one request context for the batch's renders, not one each
            self._run()

    def _run(self) -> None:
        preparer = Preparer(self.rows)
        suppressed = queries.suppressed_among(
            row.to_address for row in self.rows if not row.transactional)
        for sender in self.senders:
            sender.start()
        renewed_at = clock.now()
        try:
            for index, row in enumerate(self.rows):
                if self.stopped or self.error:
                    break
                self._put(self._prepare(row, preparer, suppressed))
                if clock.now() - renewed_at > lease() / 2:
                    for _ in self.senders:
                        self._put(_FLUSH)  # rows done are then no longer "sending"
                    self.queue.join()
                    if not (self.stopped or self.error):
                        renewed_at = _extend_lease(self.rows[index + 1:], self.worker_id)
        finally:
            for _ in self.senders:
                self._put(_DONE)
            for sender in self.senders:
                sender.join()
        if self.error is not None:
            raise self.error
        unhandled = [row for row in self.rows if row.id not in self.handled]
        if unhandled:  # asked to stop
            self.stats.count("released", release(unhandled, self.worker_id))

    def _prepare(self, row, preparer: Preparer, suppressed: set) -> _Item:
        if not row.transactional and normalise_address(row.to_address) in suppressed:
            return _Item(row, outcome="suppressed")
        try:
            return _Item(row, preparer.prepare(row))
        except Exception as error:  # a loader or template bug must not stop the batch
            logger.exception("mail %s: rendering failed", row.id)
            db.session.rollback()
            return _Item(row, outcome="retry", error=f"rendering failed: {describe(error)}")

    def _put(self, item) -> None:
        while True:
            try:
                return self.queue.put(item, timeout=0.2)
            except queue.Full:
                if not any(sender.is_alive() for sender in self.senders):
                    return

    # -- the sender threads: send and record ------------------------------------------------

    def _flushed(self) -> None:
        """Wait until every sender has flushed (each takes one of the flush marks), so that the
        rows done are no longer "sending" when the lease of the others is renewed."""
        try:
            self.barrier.wait(timeout=current_app.config["MAIL_TIMEOUT"] * 3)
        except threading.BrokenBarrierError:  # a sender stuck or gone: renew all the same
            self.barrier.reset()

    def _send_all(self) -> None:
        with self.app.app_context():
            transport = Transport() if smtp_configured() else None
            recorder = Recorder(self.worker_id)
            sender = mime.sender()
            try:
                while (item := self.queue.get()) is not _DONE:
                    try:
                        if item is _FLUSH:
                            if self.error is None and not self.stopped:
                                recorder.flush()
                            self._flushed()
                        elif self.error is not None or self.stopped:
                            continue
                        elif self.stop is not None and self.stop.is_set():
                            self.stopped = True
                        else:
                            outcome = _Send(transport, recorder, sender).deliver(item)
                            with self.lock:
                                self.stats.count(outcome)
                                self.handled.add(item.row.id)
                    except BaseException as error:  # the database went away…: stop the batch
                        self.error = error
                    finally:
                        self.queue.task_done()
                self.queue.task_done()
                recorder.close()
            except BaseException as error:
                self.error = self.error or error
            finally:
                if transport is not None:
                    transport.close()
                if recorder.lost:
                    with self.lock:
                        self.stats.count("lost", recorder.lost)
                db.session.remove()


@dataclass
class _Send:
    transport: Transport | None
    recorder: Recorder
    sender: str

    def deliver(self, item: _Item) -> str:
        """Send (or log) one prepared row and record it; return the outcome."""
        row, prepared = item.row, item.prepared
        if item.outcome == "suppressed":
            return self.finish(row, MessageStatus.SUPPRESSED, "suppressed")
        if item.outcome == "retry":
            return self.retry(row, item.error)
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
            .values(lease_until=now + lease()).execution_options(synchronize_session=False))
        db.session.commit()
    return now
