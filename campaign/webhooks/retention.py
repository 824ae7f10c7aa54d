"""Retention of webhook deliveries: each row holds the event's personal data (its body).

``RETAIN_WEBHOOK_DAYS`` (campaign/core/retention.py pattern; default 30) after it was
written, a delivered or failed row is deleted; queued and sending rows are never touched.
"""
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from campaign.extensions import db
from campaign.webhooks.models import DeliveryStatus, WebhookDelivery

DEFAULTS = {
    #: Delivered and failed webhook deliveries (with the data they carried) are deleted this
    #: many days after the event.
    "RETAIN_WEBHOOK_DAYS": 30,
}


def purge(now) -> int:
    """The scheduling step: delete finished deliveries older than RETAIN_WEBHOOK_DAYS."""
    cutoff = now - timedelta(days=float(current_app.config["RETAIN_WEBHOOK_DAYS"]))
    return db.session.execute(
        sa.delete(WebhookDelivery).where(
            WebhookDelivery.status.in_((DeliveryStatus.DELIVERED, DeliveryStatus.FAILED)),
            WebhookDelivery.created_at <= cutoff),
        execution_options={"synchronize_session": False}).rowcount
