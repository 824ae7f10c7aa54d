"""Record what happened to claimed rows: in chunks, with a journal that survives a kill.

Committing each sent row on its own costs more than sending it. So results are written to the
database every MAIL_RECORD_EVERY rows (and at the end of the batch) in one transaction, and in
the meantime appended, one line per row, to a journal file of this worker as soon as the SMTP
server accepted the message: a ``write`` the kernel keeps even when the process is killed.
Every database write is guarded by the claim (``status='sending' AND claimed_by=worker``).

A worker killed with SIGKILL leaves its journal behind, unlocked (each worker holds an
``flock`` on its own file while it lives). The next batch of any worker on this machine and
database replays such journals before claiming, so rows the dead worker sent are marked sent,
not sent again: at most the message each connection had accepted just before the kill (not
yet in its sender's journal) goes twice; each sender thread of a batch keeps its own journal.
Run the worker under a supervisor that restarts it on the same machine; a worker on another
machine cannot read the journal and would, after the lease, send that batch's unrecorded rows
again.
"""
import fcntl
import hashlib
import json
import logging
import os
import secrets
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from campaign.extensions import db
from campaign.mailing.models import MessageStatus, OutboxMessage

logger = logging.getLogger("campaign.mailing.recording")
M = OutboxMessage
#: Values stored as datetimes, written to the journal as ISO strings.
_DATETIMES = ("sent_at", "next_attempt_at")


def journal_folder() -> Path:
    """MAIL_JOURNAL_DIR, else the instance folder; one sub-folder per database."""
    base = current_app.config.get("MAIL_JOURNAL_DIR") or os.path.join(
        current_app.instance_path, "mail-journal")
    database = db.engine.url.render_as_string(hide_password=True)
    folder = Path(base) / hashlib.sha256(database.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # it names messages and recipients
    return folder


class Recorder:
    """Results of one batch of *worker_id*: journalled at once, committed in chunks."""

    def __init__(self, worker_id: str, every: int | None = None):
        self.worker_id = worker_id
        self.every = every or current_app.config["MAIL_RECORD_EVERY"]
        self.pending: list[dict] = []
        self.lost = 0
        self.fd = None
        self.path = None

    def add(self, row_id: int, values: dict) -> None:
        """Note *row_id*'s new column *values*; written to the database within the chunk."""
        entry = {"id": row_id, **values}
        self._journal().write(entry)
        self.pending.append(entry)
        if len(self.pending) >= self.every:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.lost += apply(self.pending, self.worker_id)
            self.pending = []
            self._journal().truncate()

    def close(self) -> None:
        """Flush and remove the journal. When flushing fails (the database went away) the
        journal is kept and unlocked: the next batch replays it."""
        journal, self.fd = self.fd, None
        try:
            if self.pending:
                self.lost += apply(self.pending, self.worker_id)
                self.pending = []
        except BaseException:
            if journal is not None:
                os.close(journal.number)
            raise
        if journal is not None:
            journal.remove()

    def _journal(self) -> "_Journal":
        if self.fd is None:
            self.fd = _Journal.create(journal_folder(), self.worker_id)
        return self.fd


def apply(entries: list[dict], worker_id: str) -> int:
    """Write *entries* in one transaction where the rows are still claimed by *worker_id*;
    return how many were no longer ours (another worker took them over after our lease)."""
    by_columns: dict[tuple, list[dict]] = {}
    for entry in entries:
        by_columns.setdefault(tuple(sorted(entry)), []).append(entry)
    updated = 0
    for columns, group in by_columns.items():
        statement = (sa.update(M).where(M.id == sa.bindparam("row_id"),
                                        M.status == MessageStatus.SENDING,
                                        M.claimed_by == worker_id)
                     .values({name: sa.bindparam(name) for name in columns if name != "id"})
                     .execution_options(synchronize_session=False))
        params = [{**{k: v for k, v in entry.items() if k != "id"}, "row_id": entry["id"]}
                  for entry in group]
        result = db.session.connection().execute(statement, params)
        updated += result.rowcount if result.rowcount >= 0 else len(group)
    db.session.commit()
    lost = len(entries) - updated
    if lost:
        logger.warning("mail worker %s: %d rows lost their claim before being recorded",
                       worker_id, lost)
    return lost


class _Journal:
    """This worker's file: a header line naming the worker, then one JSON line per row."""

    def __init__(self, fd: int, path: Path, worker_id: str):
        self.number, self.path, self.worker_id = fd, path, worker_id

    @classmethod
    def create(cls, folder: Path, worker_id: str) -> "_Journal":
        # Locked before it gets the name replays look for, so nobody takes it for a dead one.
        name = f"{worker_id}-{secrets.token_hex(4)}"
        temporary = folder / f"{name}.new"
        fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        path = folder / f"{name}.journal"
        os.replace(temporary, path)
        journal = cls(fd, path, worker_id)
        journal.truncate()
        return journal

    def write(self, entry: dict) -> None:
        os.write(self.number, (json.dumps(entry, default=_iso) + "\n").encode())

    def truncate(self) -> None:
        os.ftruncate(self.number, 0)
        os.lseek(self.number, 0, os.SEEK_SET)
        os.write(self.number, (json.dumps({"worker": self.worker_id}) + "\n").encode())

    def remove(self) -> None:
        try:
            self.path.unlink()
        finally:
            os.close(self.number)


def _iso(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "value"):  # an enum
        return value.value
    raise TypeError(type(value).__name__)


def replay_dead_journals() -> int:
    """Apply the journals of workers that died on this machine; return rows recorded."""
    recorded = 0
    for path in journal_folder().glob("*.journal"):
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:  # its worker finished, or someone replayed it
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # its worker is alive
                continue
            with os.fdopen(os.dup(fd)) as lines:
                header, *entries = [json.loads(line) for line in lines
                                    if line.endswith("\n")] or [None]
            entries = [_parsed(entry) for entry in entries]
            if header and entries:
                recorded += len(entries) - apply(entries, header["worker"])
                logger.warning("mail worker %s died: recorded %d rows from its journal",
                               header["worker"], len(entries))
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return recorded


def _parsed(entry: dict) -> dict:
    for name in _DATETIMES:
        if entry.get(name):
            entry[name] = datetime.fromisoformat(entry[name])
    return entry
