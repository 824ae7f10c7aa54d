"""Writes: ask for the link (the same work for every address), erase, clean up."""
import datetime as dt
import uuid

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.core import addresses
from campaign.events import queries as event_queries, retention as event_retention
from campaign.extensions import db
from campaign.letters import queries as letter_queries, retention as letter_retention
from campaign.mailing import outbox, retention as mail_retention
from campaign.mailing.models import OutboxMessage
from campaign.petitions import operations as petition_operations, queries as petition_queries
from campaign.supporters import signals
from campaign.supporters.mail import KIND
from campaign.supporters.models import DataAccess


def link_life() -> dt.timedelta:
    return dt.timedelta(minutes=current_app.config["MY_DATA_LINK_MINUTES"])


#: The window the per-address limit (MY_DATA_MAILS_PER_HOUR) counts in.
THROTTLE_WINDOW = dt.timedelta(hours=1)


def request_access(email: str, lang: str) -> None:
    """Record the request and queue its link: nothing here reads what is held about the
    address, so every address costs the same and gets the same page.

    At most ``MY_DATA_MAILS_PER_HOUR`` links go to one address per hour (the form must not
    become a way to flood someone's inbox). Past that the same statements run: the request
    row is written unmailed and its outbox row already cancelled, so a throttled address
    cannot be told from any other by the answer, its timing or the work done.
    """
    now = clock.now()
    address = addresses.normalise(email)
    mailed_lately = db.session.scalar(
        sa.select(sa.func.count()).select_from(DataAccess)
        .where(DataAccess.email == address, DataAccess.mailed.is_(True),
               DataAccess.created_at > now - THROTTLE_WINDOW))
    mailed = mailed_lately < current_app.config["MY_DATA_MAILS_PER_HOUR"]
    access = DataAccess(email=address, lang=lang, created_at=now,
                        expires_at=now + link_life(), mailed=mailed)
    db.session.add(access)
    db.session.flush()
    outbox.enqueue(KIND, to=access.email, lang=lang, key=f"{KIND}:{uuid.uuid4().hex}",
                   payload={"access_id": access.id}, skipped=None if mailed else "throttled")


def erase_rsvp(email: str, rsvp_id: int) -> bool:
    """Erase one of the address's RSVPs; False when it is not one of them."""
    for rsvp in event_queries.rsvps_of_address(email):
        if rsvp.id == rsvp_id and rsvp.erased_at is None:
            signals.item_erased.send(rsvp.email)
            event_retention.erase_rsvp(rsvp, clock.now())
            return True
    return False


def erase_signature(email: str, signature_id: int) -> bool:
    """Erase one of the address's signatures (it still counts); False when not theirs."""
    for signature in petition_queries.signatures_of_address(email):
        if signature.id == signature_id and signature.erased_at is None:
            petition_operations.erase_signature(signature)
            return True
    return False


def erase_letter(email: str, letter_id: int) -> bool:
    """Erase one of the address's letters (a confirmed one still counts); False when not
    theirs."""
    for letter in letter_queries.letters_of_address(email):
        if letter.id == letter_id:
            signals.item_erased.send(letter.email)
            letter_retention.erase_letter(letter)
            return True
    return False


def erase_everything(email: str) -> None:
    """Erase every RSVP, request, signature, letter and sent message of the address. The
    suppression list keeps its keyed hash: an unsubscribe outlives the erasure."""
    for rsvp in event_queries.rsvps_of_address(email):
        if rsvp.erased_at is None:
            signals.item_erased.send(rsvp.email)
            event_retention.erase_rsvp(rsvp, clock.now())
    for request in event_queries.requests_of_address(email):
        db.session.delete(request)
    for signature in petition_queries.signatures_of_address(email):
        if signature.erased_at is None:
            petition_operations.erase_signature(signature)
    for letter in letter_queries.letters_of_address(email):
        signals.item_erased.send(letter.email)
        letter_retention.erase_letter(letter)
    mail_retention.erase_mail_to(email)
    db.session.flush()
    signals.everything_erased.send(email)


def purge_expired(now) -> int:
    """The scheduling step: expired links go, with the mail that carried them (a row stays
    for the throttle's hour even when its link is shorter-lived)."""
    deleted = db.session.execute(sa.delete(DataAccess).where(
        DataAccess.expires_at <= now, DataAccess.created_at <= now - THROTTLE_WINDOW)).rowcount
    db.session.execute(sa.delete(OutboxMessage).where(
        OutboxMessage.kind == KIND, OutboxMessage.created_at <= now - link_life(),
        OutboxMessage.status != "sending"))
    return deleted
