"""Outbox rows (one per message to one recipient) and the suppression list."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campaign import clock
from campaign.core.database import UTCDateTime, enum_column
from campaign.extensions import db


class MessageStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SUPPRESSED = "suppressed"
    CANCELLED = "cancelled"


class Delivery(enum.StrEnum):
    #: Accepted by the SMTP server at MAIL_SERVER.
    SMTP = "smtp"
    #: No MAIL_SERVER configured: kept in the local mail log only, never delivered.
    LOG = "log"


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
    #: The Message-ID it was sent with: a bounce names it (see bounces.py).
    message_id: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    #: What was (or would have been) sent, kept for the mail log.
    subject: Mapped[str | None] = mapped_column(sa.String(300))
    body_text: Mapped[str | None] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    #: The headers as sent (From, To, Subject, Date, Message-ID, List-Unsubscribe…).
    headers: Mapped[dict | None] = mapped_column(sa.JSON)
    #: How a sent message left: by SMTP, or only into the local mail log (no MAIL_SERVER).
    delivery: Mapped[Delivery | None] = enum_column(Delivery)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When the recipient's mail server reported, after accepting it, that it could not be
    #: delivered (a delivery status notification piped to ``campaign record-bounce``).
    bounced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The report's status and diagnostic, e.g. "5.1.1 smtp; 550 5.1.1 User unknown".
    bounce: Mapped[str | None] = mapped_column(sa.String(500))

    def __repr__(self):
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"

    @property
    def was_delivered(self) -> bool:
        """Whether an SMTP server accepted the message (not only the local log)."""
        return self.status == MessageStatus.SENT and self.delivery == Delivery.SMTP


class SuppressionReason(enum.StrEnum):
    UNSUBSCRIBED = "unsubscribed"


class Suppression(db.Model):
    """An address that receives no more non-transactional mail from this site.

    The list is site-wide, not per campaign: someone who unsubscribes from one campaign's
    reminders must not start receiving another's (for people at risk, fewer messages is the
    safe side). Transactional mail (confirmations, verification) still goes.
    """

    __tablename__ = "suppression"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: A keyed hash of the normalised address (:func:`campaign.mailing.links.address_key`),
    #: never the address: the list outlives the erasure of everything else about a person.
    address_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    reason: Mapped[SuppressionReason] = enum_column(
        SuppressionReason, default=SuppressionReason.UNSUBSCRIBED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    def __repr__(self):
        return f"<Suppression {self.id} {self.reason}>"
