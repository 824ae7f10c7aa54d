"""Enqueue mail: the only way any part of the app sends a message."""
from datetime import datetime

from campaign import clock
from campaign.core.database import insert_ignoring_conflicts
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.mailing.models import MessageStatus, OutboxMessage


def enqueue(kind: str, *, to: str, lang: str, key: str, payload: dict | None = None,
            due_at: datetime | None = None, campaign_id: int | None = None,
            skipped: str | None = None) -> bool:
    """Queue one message in the current transaction; the caller commits with its change.

    *key* makes the message unique: enqueuing the same key again does nothing (also when two
    processes race). Returns whether a new row was written. With *skipped* (the reason) the
    row is written already cancelled: the mail log shows a message that will not be sent,
    and its key keeps it from ever being sent later.
    """
    values = _row(kinds.get(kind), to=to, lang=lang, key=key, payload=payload, due_at=due_at,
                  campaign_id=campaign_id, skipped=skipped)
    return db.session.execute(insert_ignoring_conflicts(OutboxMessage, ("key",)),
                              values).first() is not None


def enqueue_many(kind: str, messages, *, skipped: str | None = None) -> int:
    """Queue messages of one *kind* (dicts of :func:`enqueue`'s keyword arguments) with one
    statement per batch: a fan-out to thousands of people. Keys already queued are skipped,
    as with :func:`enqueue`. Returns how many new rows were written."""
    mail_kind = kinds.get(kind)
    rows = [_row(mail_kind, skipped=skipped, **message) for message in messages]
    if not rows:
        return 0
    return len(db.session.execute(insert_ignoring_conflicts(OutboxMessage, ("key",)),
                                  rows).all())


def _row(mail_kind, *, to: str, lang: str, key: str, payload: dict | None = None,
         due_at: datetime | None = None, campaign_id: int | None = None,
         skipped: str | None = None) -> dict:
    due = due_at or clock.now()
    return dict(kind=mail_kind.name, key=key, to_address=to, lang=lang, payload=payload or {},
                campaign_id=campaign_id, transactional=mail_kind.transactional,
                status=MessageStatus.CANCELLED if skipped else MessageStatus.QUEUED,
                last_error=skipped, due_at=due, next_attempt_at=due, attempts=0,
                created_at=clock.now())
