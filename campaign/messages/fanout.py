"""The scheduling step that turns a due organiser message into one outbox row per recipient.

It works in chunks (``MESSAGES_FANOUT_CHUNK`` recipients, one transaction each) streamed from
:func:`campaign.messages.audiences.recipients`, so no more than one chunk of recipients is
ever in memory, and it remembers the last address of each chunk on the message: a worker that
dies mid-way resumes after it. Outbox keys are per (message, recipient), so a chunk written
twice (a crash before the commit, two workers at once) still reaches each person once. On
PostgreSQL a worker locks the message for its chunk (``SKIP LOCKED``): a second worker moves
on instead of repeating the work.
"""
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.events import queries as event_queries
from campaign.events.models import Rsvp
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.messages import audiences, mail
from campaign.messages.models import MessageState, OrganiserMessage

#: Recipients per chunk (one INSERT and one commit each).
DEFAULT_CHUNK = 1000
M = OrganiserMessage
UNFINISHED = (MessageState.SCHEDULED, MessageState.SENDING)


def chunk_size() -> int:
    return int(current_app.config.get("MESSAGES_FANOUT_CHUNK", DEFAULT_CHUNK))


def send_due_messages(now: datetime) -> int:
    """Fan out every message whose time has come; returns the outbox rows written."""
    return sum(fan_out(message_id, now) for message_id in due_message_ids(now))


def due_message_ids(now: datetime) -> list[int]:
    return list(db.session.scalars(
        sa.select(M.id).where(M.state.in_(UNFINISHED), M.send_at <= now)
        .order_by(M.send_at, M.id)))


def fan_out(message_id: int, now: datetime | None = None, max_chunks: int | None = None) -> int:
    """Write the message's outbox rows chunk by chunk, committing each; returns rows written.

    *max_chunks* stops early (the rest is written on a later call), as a crash would.
    """
    now = now or clock.now()
    written = chunks = 0
    while max_chunks is None or chunks < max_chunks:
        new_rows, finished = _one_chunk(message_id, now)
        db.session.commit()
        written, chunks = written + new_rows, chunks + 1
        if finished:
            break
    return written


def _claim(message_id: int):
    """The message, locked for this chunk, if it still has rows to write and nobody else
    is writing them (PostgreSQL; SQLite runs one writer at a time anyway)."""
    return db.session.scalar(
        sa.select(M).where(M.id == message_id, M.state.in_(UNFINISHED))
        .with_for_update(skip_locked=True).execution_options(populate_existing=True))


def _one_chunk(message_id: int, now: datetime) -> tuple[int, bool]:
    """Write the next chunk of one message; (rows written, whether it is finished)."""
    message = _claim(message_id)
    if message is None:
        return 0, True
    if message.state == MessageState.SCHEDULED:
        _start(message, now)
    if message.audience is None:  # only an update on the campaign page
        return 0, _finish(message, now)
    size = chunk_size()
    batch = _next_recipients(message, size)
    written_in = set(message.languages)
    tokens = _manage_tokens(message, batch)
    written = outbox.enqueue_many([_row(message, person, written_in, now, tokens.get(person.row_id))
                                   for person in batch])
    message.enqueued_count += written
    if batch:
        message.fanout_after = batch[-1].email
    return written, _finish(message, now) if len(batch) < size else False


def _next_recipients(message, size: int) -> list:
    return list(audiences.recipients(message.audience, message.scope_id,
                                     after=message.fanout_after, limit=size))


def _manage_tokens(message, batch) -> dict[int, str]:
    """The manage-link token of each RSVP in *batch*, when the message has a {manage_link}
    (one query per chunk); otherwise nothing."""
    if not batch or mail.event_of(message) is None or not mail.uses(message, "manage_link"):
        return {}
    rsvps = db.session.scalars(sa.select(Rsvp).where(
        Rsvp.event_id == message.scope_id, Rsvp.id.in_([person.row_id for person in batch])))
    return {rsvp.id: event_queries.manage_token(rsvp) for rsvp in rsvps}


def _row(message, person, written_in: set, now: datetime, manage_token: str | None) -> dict:
    """The person's copy: in their language when the message is written in it."""
    lang = person.lang if person.lang in written_in else message.fallback_language
    return outbox.row(mail.KIND, to=person.email, lang=lang,
                      key=f"{message.key_prefix}{person.ref}",
                      payload=mail.payload(message, name=person.name, manage_token=manage_token),
                      due_at=now, campaign_id=message.campaign_id)


def _start(message, now: datetime) -> None:
    message.state = MessageState.SENDING
    if message.publish_as_update:
        message.published_at = message.published_at or message.send_at or now
        message.campaign.touch()


def _finish(message, now: datetime) -> bool:
    message.state = MessageState.SENT
    message.fanout_done_at = now
    return True
