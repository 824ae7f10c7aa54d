"""Writes: endpoints, and the delivery rows events and the test button queue. Each flushes;
the caller commits (an event's rows commit or roll back with the change they report)."""
import json
import uuid

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from campaign import clock
from campaign.campaigns.models import Campaign
from campaign.extensions import db
from campaign.webhooks import signing
from campaign.organisers import audit
from campaign.webhooks.models import WebhookDelivery, WebhookEndpoint

#: The events an endpoint may choose, with what the owner reads. The README ("Webhooks")
#: lists what each one's ``data`` holds.
EVENTS = {
    "signature.verified": _l("A signature is confirmed"),
    "rsvp.confirmed": _l("An RSVP is confirmed (a seat is taken)"),
    "rsvp.cancelled": _l("An RSVP is cancelled"),
    "unsubscribed": _l("Someone who took part unsubscribes"),
    "letter.sent": _l("A letter is confirmed and sent"),
}
#: The test button's event: every endpoint receives it, whatever it chose.
PING = "ping"


def create_endpoint(campaign_id: int, url: str, events: list[str]) -> tuple[WebhookEndpoint, str]:
    """Add an endpoint (its URL already checked by the form); returns it and its secret,
    which only this moment shows."""
    endpoint = WebhookEndpoint(campaign_id=campaign_id, url=url.strip(),
                               events=" ".join(e for e in EVENTS if e in events),
                               secret_salt=signing.new_salt(), created_at=clock.now())
    db.session.add(endpoint)
    db.session.flush()
    audit.record("settings_changed", campaign_id, webhook_added=endpoint.url)
    return endpoint, signing.secret_of(endpoint.secret_salt)


def delete_endpoint(endpoint: WebhookEndpoint) -> None:
    """Remove an endpoint and its delivery log (queued deliveries are dropped)."""
    audit.record("settings_changed", endpoint.campaign_id, webhook_removed=endpoint.url)
    db.session.delete(endpoint)
    db.session.flush()



def emit(campaign_id: int, event: str, data: dict) -> int:
    """Queue *event* for every endpoint of the campaign that chose it; returns how many."""
    endpoints = [e for e in db.session.scalars(sa.select(WebhookEndpoint).where(
        WebhookEndpoint.campaign_id == campaign_id)) if event in e.event_types]
    if not endpoints:
        return 0
    slug = db.session.scalar(sa.select(Campaign.slug).where(Campaign.id == campaign_id))
    for endpoint in endpoints:
        _queue(endpoint, event, slug, data)
    return len(endpoints)


def queue_test(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a ``ping`` for the test button."""
    slug = db.session.scalar(sa.select(Campaign.slug).where(Campaign.id == endpoint.campaign_id))
    return _queue(endpoint, PING, slug, {"message": "Test from the campaign manager."})


def _queue(endpoint, event: str, campaign_slug: str, data: dict) -> WebhookDelivery:
    now = clock.now()
    event_uuid = str(uuid.uuid4())
    body = json.dumps({"id": event_uuid, "type": event, "created_at": now.isoformat(),
                       "campaign": campaign_slug, "data": data},
                      ensure_ascii=False, separators=(",", ":"))
    row = WebhookDelivery(endpoint_id=endpoint.id, event=event, event_uuid=event_uuid,
                          body=body, next_attempt_at=now, created_at=now, attempts=0)
    db.session.add(row)
    db.session.flush()
    return row
