"""Enqueue mail: the only way any part of the app sends a message."""
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
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(OutboxMessage)
    # RETURNING, not rowcount: psycopg reports -1 for this statement on PostgreSQL.
    result = db.session.execute(insert.values(**values).on_conflict_do_nothing(
        index_elements=["key"]).returning(OutboxMessage.id))
    return result.first() is not None
