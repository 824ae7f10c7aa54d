"""Writes: unsubscribing an address, queueing a test message."""
import uuid

from campaign import clock
from campaign.core.database import insert_ignoring_conflicts
from campaign.extensions import db
from campaign.mailing import outbox, signals
from campaign.mailing.links import address_key
from campaign.mailing.models import Suppression, SuppressionReason


def unsubscribe(address: str) -> None:
    """Put *address* on the suppression list (again is a no-op); the caller commits."""
    suppress_key(address_key(address))


def suppress_key(key: str) -> None:
    """Put the address whose :func:`~campaign.mailing.links.address_key` is *key* on the
    suppression list (again is a no-op); the caller commits."""
    new = db.session.execute(insert_ignoring_conflicts(Suppression, ("address_hash",)), dict(
        address_hash=key, reason=SuppressionReason.UNSUBSCRIBED, created_at=clock.now())).first()
    if new is not None:
        signals.unsubscribed.send(key)


def queue_test_message(to: str, lang: str, requested_by: str,
                       campaign_id: int | None = None) -> None:
    """Queue a "test message" so an organiser can see the mail path work; the caller commits."""
    outbox.enqueue("test_message", to=to.strip(), lang=lang, key=f"test:{uuid.uuid4().hex}",
                   campaign_id=campaign_id,
                   payload={"requested_by": requested_by,
                            "requested_at": clock.now().isoformat()})
