"""The ``unsubscribed`` event: found among a campaign's supporters by the worker, not by the
request of the person leaving.

An unsubscribe link carries only a keyed hash of the address. Telling a campaign's endpoint
who left means looking for that hash among every address the campaign holds — a million
hashes for a big petition, seconds of work the person clicking would wait for. So the request
only notes the hash, once per campaign with an endpoint for the event (a row of the delivery
queue in the "matching" state, holding the hash and nothing else); the worker's webhook step
reads each such campaign's addresses once for all the hashes waiting, queues the event where
the person took part, and drops the notes.
"""
import json
import uuid
from collections import defaultdict

import sqlalchemy as sa

from campaign import clock
from campaign.events.models import Event, Rsvp
from campaign.extensions import db
from campaign.letters.models import Letter, LetterAction
from campaign.mailing import links
from campaign.petitions.models import Petition, Signature
from campaign.webhooks import operations
from campaign.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

EVENT = "unsubscribed"
D = WebhookDelivery
#: Hashes matched in one round of the worker (each campaign's addresses are read once a round).
BATCH = 500


def note(key: str) -> None:
    """The address whose keyed hash is *key* left: look for it later in every campaign with
    an endpoint for the event; the caller commits."""
    carriers = {}
    for endpoint in db.session.scalars(sa.select(WebhookEndpoint).order_by(WebhookEndpoint.id)):
        if EVENT in endpoint.event_types:
            carriers.setdefault(endpoint.campaign_id, endpoint)
    now = clock.now()
    for endpoint in carriers.values():
        db.session.add(D(endpoint_id=endpoint.id, event=EVENT, event_uuid=str(uuid.uuid4()),
                         body=json.dumps({"address_key": key}), status=DeliveryStatus.MATCHING,
                         next_attempt_at=now, created_at=now, attempts=0))


def match() -> int:
    """Queue the event for the notes waiting, where the address is a campaign's; returns how
    many notes were handled. Each note is taken by deleting it, so two workers never report
    one twice, and a failure before the commit leaves it for the next round."""
    waiting = db.session.execute(
        sa.select(D.id, D.body, WebhookEndpoint.campaign_id).join(WebhookEndpoint)
        .where(D.status == DeliveryStatus.MATCHING).order_by(D.id).limit(BATCH)).all()
    if not waiting:
        return 0
    taken = set(db.session.scalars(
        sa.delete(D).where(D.id.in_([row.id for row in waiting]),
                           D.status == DeliveryStatus.MATCHING)
        .returning(D.id).execution_options(synchronize_session=False)))
    wanted: dict[int, set[str]] = defaultdict(set)
    for row in waiting:
        if row.id in taken:
            wanted[row.campaign_id].add(json.loads(row.body)["address_key"])
    hash_key = links.hash_key()
    for campaign_id, keys in wanted.items():
        for address in _addresses(campaign_id):
            key = links.address_key(address, hash_key)
            if key in keys:
                keys.discard(key)
                operations.emit(campaign_id, EVENT, {"email": address})
                if not keys:
                    break
    db.session.commit()
    return len(taken)


def _addresses(campaign_id: int):
    """Every address the campaign holds (signatures, RSVPs, letters), each once."""
    queries = (
        sa.select(Signature.email).join(Petition, Petition.id == Signature.petition_id)
        .where(Petition.campaign_id == campaign_id, Signature.erased_at.is_(None)),
        sa.select(Rsvp.email).join(Event, Event.id == Rsvp.event_id)
        .where(Event.campaign_id == campaign_id, Rsvp.erased_at.is_(None)),
        sa.select(Letter.email).join(LetterAction, LetterAction.id == Letter.action_id)
        .where(LetterAction.campaign_id == campaign_id),
    )
    seen = set()
    for query in queries:
        for address in db.session.scalars(query.execution_options(yield_per=2000)):
            if not address:  # erased
                continue
            normalised = links.normalise_address(address)
            if normalised not in seen:
                seen.add(normalised)
                yield address
