"""Reads of the organisers' webhook pages."""
import sqlalchemy as sa

from campaign.extensions import db
from campaign.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def endpoints_of(campaign_id: int) -> list[WebhookEndpoint]:
    return db.session.scalars(sa.select(WebhookEndpoint).where(
        WebhookEndpoint.campaign_id == campaign_id).order_by(WebhookEndpoint.id)).all()


def delivery_log(endpoint: WebhookEndpoint, limit: int) -> list[WebhookDelivery]:
    """The endpoint's latest deliveries, newest first (unsubscribes still being matched are
    not deliveries yet)."""
    return db.session.scalars(sa.select(WebhookDelivery).where(
        WebhookDelivery.endpoint_id == endpoint.id,
        WebhookDelivery.status != DeliveryStatus.MATCHING)
        .order_by(WebhookDelivery.id.desc()).limit(limit)).all()
