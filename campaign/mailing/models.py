"""Outbox rows: one per message to one recipient."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campaign import clock
from campaign.campaigns.models import enum_column
from campaign.core.database import UTCDateTime
from campaign.extensions import db


class MessageStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SUPPRESSED = "suppressed"
    CANCELLED = "cancelled"


class OutboxMessage(db.Model):
    """A message to one recipient, written in the same transaction as its cause."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        sa.Index("ix_outbox_message_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the message is: names its templates (templates/email/<kind>.txt/.html) and subject.
    kind: Mapped[str] = mapped_column(sa.String(60))
    #: Uniqueness key: the same message to the same person cannot be enqueued twice,
    #: e.g. "reminder:event-7:P1D:rsvp-42".
    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    to_address: Mapped[str] = mapped_column(sa.String(254), index=True)
    #: The recipient's language (en, ru, pl): the message is rendered in it.
    lang: Mapped[str] = mapped_column(sa.String(5))
    #: What the kind's loader needs to build the message at send time (ids, not copies).
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    campaign_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="SET NULL"), index=True)
    #: Transactional mail (confirmations, verification) ignores the suppression list.
    transactional: Mapped[bool] = mapped_column(default=True)
    status: Mapped[MessageStatus] = enum_column(MessageStatus, default=MessageStatus.QUEUED)
    #: When the message should go out at the earliest.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: When the worker may try (again): ``due_at`` at first, later the backoff.
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    attempts: Mapped[int] = mapped_column(default=0)
    #: A worker's claim on the row; expired leases may be claimed again.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(80))
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    message_id: Mapped[str | None] = mapped_column(sa.String(200))
    #: What was (or would have been) sent, kept for the mail log.
    subject: Mapped[str | None] = mapped_column(sa.String(300))
    body_text: Mapped[str | None] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self):
        return f"<OutboxMessage {self.id} {self.kind} {self.to_address} {self.status}>"
