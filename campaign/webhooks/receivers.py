"""What each event sends: the receivers connected to the other domains' signals.

Only what the receiving system needs to act on the event is sent (the README lists it):
who (name, address, country, language) and whether they agreed to hear more, never comments,
letter texts, IP hashes or anything about other people. A receiver writes its rows in the
transaction of the change, so an event is reported if and only if it happened.
"""
import json

import sqlalchemy as sa

from campaign.events.models import Event, Rsvp
from campaign.extensions import db
from campaign.letters.models import Letter, LetterAction
from campaign.mailing import links
from campaign.petitions.models import Signature
from campaign.webhooks import operations, unsubscribes
from campaign.webhooks.models import DeliveryStatus, WebhookDelivery


def _moment(value):
    return value.isoformat() if value else None


def signature_verified(signature: Signature, **_):
    petition = signature.petition
    operations.emit(petition.campaign_id, "signature.verified", {"signature": {
        "id": signature.id, "petition": petition.slug, "name": signature.name,
        "email": signature.email, "country": signature.country, "language": signature.lang,
        "wants_updates": signature.updates, "verified_at": _moment(signature.verified_at)}})


def rsvp_confirmed(rsvp: Rsvp, **_):
    event = db.session.get(Event, rsvp.event_id)
    operations.emit(event.campaign_id, "rsvp.confirmed", {"rsvp": {
        "id": rsvp.id, "event": event.slug, "event_starts_at": _moment(event.starts_at),
        "name": rsvp.name, "email": rsvp.email, "guests": rsvp.guests, "language": rsvp.lang,
        "wants_updates": rsvp.wants_updates, "confirmed_at": _moment(rsvp.confirmed_at)}})


def rsvp_cancelled(rsvp: Rsvp, **_):
    event = db.session.get(Event, rsvp.event_id)
    # No address: the receiver matches the id it got with rsvp.confirmed (an erasure at its
    # owner's request cancels too, and must not send the address out on the way).
    operations.emit(event.campaign_id, "rsvp.cancelled", {"rsvp": {
        "id": rsvp.id, "event": event.slug, "cancelled_at": _moment(rsvp.cancelled_at)}})


def letter_sent(letter: Letter, **_):
    action = db.session.get(LetterAction, letter.action_id)
    operations.emit(action.campaign_id, "letter.sent", {"letter": {
        "id": letter.id, "action": action.slug, "name": letter.name, "email": letter.email,
        "country": letter.country, "language": letter.lang, "wants_updates": letter.updates,
        "confirmed_at": _moment(letter.confirmed_at)}})


def unsubscribed(key: str, **_):
    """Noted for the worker, which tells each campaign with an endpoint for this event only
    when the person took part in it (see unsubscribes.py: the link carries a hash, and the
    search is too long for the request)."""
    unsubscribes.note(key)


def everything_erased(email: str, **_):
    """Its owner asked to erase *email* (everything, or one RSVP, signature or letter that
    held it): deliveries that carry it go, also those not sent yet (a request under way
    finishes)."""
    needle = '"email":' + json.dumps(links.normalise_address(email), ensure_ascii=False)
    db.session.execute(
        sa.delete(WebhookDelivery).where(WebhookDelivery.status != DeliveryStatus.SENDING,
                                         sa.func.lower(WebhookDelivery.body).contains(needle)),
        execution_options={"synchronize_session": False})

