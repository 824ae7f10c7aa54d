"""Enqueue mail: the only way any part of the app sends a message."""
from datetime import datetime

from campaign import clock
from campaign.core.database import insert_ignoring_conflicts
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.mailing.models import MessageStatus, OutboxMessage


def row(kind: str, *, to: str, lang: str, key: str, payload: dict | None = None,
        due_at: datetime | None = None, campaign_id: int | None = None,
        skipped: str | None = None) -> dict:
    """The values of one new outbox row, for :func:`enqueue` or :func:`enqueue_many`; with
    *skipped* (the reason) the row is written already cancelled."""
    mail_kind = kinds.get(kind)
    due = due_at or clock.now()
    return dict(kind=kind, key=key, to_address=to, lang=lang, payload=payload or {},
                campaign_id=campaign_id, transactional=mail_kind.transactional,
                status=MessageStatus.CANCELLED if skipped else MessageStatus.QUEUED,
                last_error=skipped, due_at=due, next_attempt_at=due, attempts=0,
                created_at=clock.now())


def enqueue(kind: str, *, to: str, lang: str, key: str, payload: dict | None = None,
            due_at: datetime | None = None, campaign_id: int | None = None,
            skipped: str | None = None) -> bool:
    """Queue one message in the current transaction; the caller commits with its change.

    *key* makes the message unique: enqueuing the same key again does nothing (also when two
    processes race). Returns whether a new row was written. With *skipped* (the reason) the
    row is written already cancelled: the mail log shows a message that will not be sent,
    and its key keeps it from ever being sent later.
    """
    values = row(kind, to=to, lang=lang, key=key, payload=payload, due_at=due_at,
                 campaign_id=campaign_id, skipped=skipped)
    return db.session.execute(insert_ignoring_conflicts(OutboxMessage, ("key",)),
                              values).first() is not None


def enqueue_many(rows: list[dict]) -> int:
    """Queue many rows built with :func:`row` in one statement (keys already there are
    skipped, as in :func:`enqueue`); returns how many rows were new."""
    if not rows:
        return 0
    return len(db.session.execute(insert_ignoring_conflicts(OutboxMessage, ("key",)),
                                  rows).all())
