"""Enqueue mail: the only way any part of the app sends a message."""
import functools
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite

from campaign import clock
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.mailing.models import MessageStatus, OutboxMessage


def enqueue(kind: str, *, to: str, lang: str, key: str, payload: dict | None = None,
            due_at: datetime | None = None, campaign_id: int | None = None) -> bool:
    """Queue one message in the current transaction; the caller commits with its change.

    *key* makes the message unique: enqueuing the same key again does nothing (also when two
    processes race). Returns whether a new row was written.
    """
    mail_kind = kinds.get(kind)
    due = due_at or clock.now()
    values = dict(kind=kind, key=key, to_address=to, lang=lang, payload=payload or {},
                  campaign_id=campaign_id, transactional=mail_kind.transactional,
                  status=MessageStatus.QUEUED, due_at=due, next_attempt_at=due, attempts=0,
                  created_at=clock.now())
    result = db.session.execute(_insert(db.session.get_bind().dialect.name), values)
    return result.first() is not None


@functools.cache
def _insert(dialect: str):
    """INSERT … ON CONFLICT (key) DO NOTHING, built once per dialect; values bound per call.

    RETURNING, not rowcount: psycopg reports -1 for this statement on PostgreSQL.
    """
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(
        OutboxMessage.__table__)
    return insert.on_conflict_do_nothing(index_elements=["key"]).returning(
        OutboxMessage.__table__.c.id)
