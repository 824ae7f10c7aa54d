"""Reads: one message, a campaign's messages, a send's progress, the audiences on offer."""
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.messages.models import MessageState, OrganiserMessage, key_prefix

PER_PAGE = 50


def get_message(message_id: int) -> OrganiserMessage:
    """:raise 404: when there is no such message. Read afresh (the fan-out changes its state
    from another process), also when the session already holds it."""
    return db.get_or_404(OrganiserMessage, message_id, populate_existing=True)


def messages_of(campaign, page: int = 1):
    """The campaign's messages, newest first (a Flask-SQLAlchemy page)."""
    query = (sa.select(OrganiserMessage).where(OrganiserMessage.campaign_id == campaign.id)
             .order_by(OrganiserMessage.id.desc()))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def published_updates(campaign, limit: int = 20) -> list[OrganiserMessage]:
    """Updates visitors may read now, newest first."""
    return list(db.session.scalars(
        sa.select(OrganiserMessage)
        .where(OrganiserMessage.campaign_id == campaign.id,
               OrganiserMessage.publish_as_update.is_(True),
               OrganiserMessage.state.in_((MessageState.SENDING, MessageState.SENT)),
               OrganiserMessage.published_at <= clock.now())
        .order_by(OrganiserMessage.published_at.desc(), OrganiserMessage.id.desc())
        .limit(limit)))


@dataclass
class Progress:
    state: str
    #: Recipients in all: the audience counted when sending was asked, or the rows written.
    total: int
    sent: int
    queued: int
    failed: int
    #: Not sent: unsubscribed meanwhile, or cancelled.
    skipped: int
    percent: int
    done: bool

    def as_dict(self) -> dict:
        return asdict(self)


def _status_counts(message_id: int) -> dict:
    """Outbox rows of one message per status: one range scan of the unique key's index."""
    key = OutboxMessage.key
    rows = db.session.execute(
        sa.select(OutboxMessage.status, sa.func.count())
        .where(key >= key_prefix(message_id), key < key_prefix(message_id + 1))
        .group_by(OutboxMessage.status))
    return {MessageStatus(status): number for status, number in rows}


def progress(message: OrganiserMessage) -> Progress:
    """Sent / queued / failed for a message, as its progress page shows them."""
    counts = _status_counts(message.id) if message.is_emailed else {}
    finished = message.state == MessageState.SENT
    total = (message.enqueued_count if finished
             else max(message.recipient_count, message.enqueued_count))
    sent, failed = counts.get(MessageStatus.SENT, 0), counts.get(MessageStatus.FAILED, 0)
    skipped = counts.get(MessageStatus.SUPPRESSED, 0) + counts.get(MessageStatus.CANCELLED, 0)
    called_off = message.state == MessageState.CANCELLED  # nothing is left to go out
    queued = 0 if called_off else max(total - sent - failed - skipped, 0)
    if message.state in (MessageState.DRAFT, MessageState.CANCELLED):
        percent = 0
    elif total:
        percent = min(100, (sent + failed + skipped) * 100 // total)
    else:
        percent = 100 if finished else 0
    return Progress(state=message.state.value, total=total, sent=sent, queued=queued,
                    failed=failed, skipped=skipped, percent=percent,
                    done=called_off or (finished and queued == 0))
