"""Retention of signatures (settings in campaign/core/retention.py).

- ``RETAIN_SIGNATURE_DAYS`` after a petition closed, its signatures lose name, address,
  comment and IP hash. The rows stay, with their state, country and dates, so the count and
  the per-country and per-day figures stay right.
- ``RETAIN_IP_HASH_DAYS`` after signing, a signature's IP hash goes (it is only for spotting
  floods while they happen).
- Unconfirmed signatures, with the mail that carried their links: ``operations.purge_unverified``.
- One signature erased at its signer's or an organiser's request: :func:`erase_signature`
  (with its mail, at once).
"""
import sqlalchemy as sa

from campaign.core.retention import period
from campaign.extensions import db
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.retention import erase_messages
from campaign.petitions import mail
from campaign.petitions.models import Petition, Signature

ERASED_DOMAIN = "erased.invalid"


def erase_signatures(ids, now) -> int:
    """Erase the personal data of the signatures whose ids *ids* gives (a select or a list)."""
    placeholder = (sa.literal("signature-") + sa.cast(Signature.id, sa.String)
                   + sa.literal("@" + ERASED_DOMAIN))
    return db.session.execute(
        sa.update(Signature).where(Signature.id.in_(ids), Signature.erased_at.is_(None))
        .values(name="", email=placeholder, email_canonical=placeholder, email_domain="",
                comment=None, ip_hash=None, updates=False, public=False, erased_at=now),
        execution_options={"synchronize_session": False}).rowcount


def erase_closed_petitions(now) -> int:
    """The scheduling step: signatures of petitions closed RETAIN_SIGNATURE_DAYS ago, and
    IP hashes older than RETAIN_IP_HASH_DAYS."""
    closed = sa.select(Petition.id).where(
        Petition.closes_at <= now - period("RETAIN_SIGNATURE_DAYS"))
    erased = erase_signatures(sa.select(Signature.id).where(
        Signature.petition_id.in_(closed), Signature.erased_at.is_(None)), now)
    db.session.execute(
        sa.update(Signature).where(Signature.ip_hash.is_not(None),
                                   Signature.created_at <= now - period("RETAIN_IP_HASH_DAYS"))
        .values(ip_hash=None), execution_options={"synchronize_session": False})
    return erased


def erase_signature(signature: Signature, now) -> None:
    """Erase one signature (it still counts) and, now rather than after RETAIN_MAIL_DAYS, the
    mail about it: its links and "already signed" notes, and the throttled tries at signing
    this petition's campaign from the address (done ones lose address and body, queued ones
    are cancelled)."""
    throttled = sa.and_(OutboxMessage.kind == mail.VERIFICATION,
                        OutboxMessage.campaign_id == signature.petition.campaign_id,
                        OutboxMessage.status == MessageStatus.CANCELLED)
    erase_messages([OutboxMessage.to_address == signature.email,
                    sa.or_(OutboxMessage.payload["signature_id"].as_integer() == signature.id,
                           throttled)])
    erase_signatures([signature.id], now)
    db.session.expire(signature)
