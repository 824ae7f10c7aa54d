"""Webhook endpoints (an owner's URL and the events it wants) and their deliveries (the outbox)."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campaign import clock
from campaign.core.database import UTCDateTime, enum_column
from campaign.extensions import db


class DeliveryStatus(enum.StrEnum):
    #: An unsubscribe waiting for the worker to find whether the campaign held the address
    #: (the body holds its keyed hash only; see unsubscribes.py). Never sent as it is.
    MATCHING = "matching"
    QUEUED = "queued"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


class WebhookEndpoint(db.Model):
    """A URL of the campaign's own systems (a CRM) that receives the events it chose."""

    __tablename__ = "webhook_endpoint"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    #: http(s) only; checked against private ranges when saved and before each delivery.
    url: Mapped[str] = mapped_column(sa.String(500))
    #: The event types it receives, space-separated ("signature.verified rsvp.confirmed").
    events: Mapped[str] = mapped_column(sa.String(300))
    #: The signing secret is derived from this and SECRET_KEY (see signing.secret_of): the
    #: database alone does not hold it, and the owner sees it once, when the endpoint is made.
    secret_salt: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    @property
    def event_types(self) -> list[str]:
        return self.events.split()

    def __repr__(self):
        return f"<WebhookEndpoint {self.id} campaign={self.campaign_id}>"


class WebhookDelivery(db.Model):
    """One event for one endpoint, written in the transaction of the change it reports."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        sa.Index("ix_webhook_delivery_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("webhook_endpoint.id", ondelete="CASCADE"), index=True)
    #: The event's type ("rsvp.confirmed", "ping" for the test button).
    event: Mapped[str] = mapped_column(sa.String(40))
    #: The event's id, the same on every retry (receivers drop duplicates by it).
    event_uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    #: The JSON body as sent (built once, when the event happened).
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[DeliveryStatus] = enum_column(DeliveryStatus, default=DeliveryStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(80))
    #: The receiver's HTTP status on the last try (None: no answer).
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self):
        return f"<WebhookDelivery {self.id} {self.event} {self.status}>"
