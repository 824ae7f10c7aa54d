"""Writes for petitions and signatures. Each flushes; the caller commits once."""
import enum
from datetime import timedelta

import sqlalchemy as sa

from campaign import clock
from campaign.core.database import check_slug_free, insert_ignoring_conflicts
from campaign.extensions import db
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.outbox import enqueue
from campaign.core import addresses
from campaign.petitions import counter, mail
from campaign.petitions.config import setting
from campaign.petitions.models import (Petition, PetitionStatus, Signature, SignatureState,
                                       new_link_key)

PETITION_FIELDS = ("slug", "goal", "opens_at", "closes_at")
#: Bump when the wording of the consent checkbox changes; each signature keeps its version.
CONSENT_VERSION = "2026-1"


class SignOutcome(enum.StrEnum):
    #: A new pending signature; the verification link is queued.
    CREATED = "created"
    #: Signed before: the link (pending) or "already signed" (verified) is queued again.
    MAILED_AGAIN = "mailed_again"
    #: Signed before, but the address got its share of mail lately: nothing is sent.
    THROTTLED = "throttled"
    #: Signed before and invalidated by an organiser: nothing happens.
    IGNORED = "ignored"


def create_petition(campaign, *, texts: dict, status=PetitionStatus.DRAFT, **fields) -> Petition:
    """Create a petition (with its counter) and its text in each language given."""
    petition = Petition(campaign=campaign, status=PetitionStatus(status))
    update_petition(petition, texts=texts, **fields)
    counter.create_shards(petition.id)
    return petition


def update_petition(petition: Petition, *, texts: dict, status=None, **fields) -> Petition:
    """Change a petition's settings and texts."""
    check_slug_free(Petition, fields.get("slug", petition.slug), petition.id)
    for name in PETITION_FIELDS:
        if name in fields:
            setattr(petition, name, fields[name])
    if status is not None:
        petition.status = PetitionStatus(status)
    for lang, values in texts.items():
        petition.set_text(lang, **values)
    petition.updated_at = clock.now()  # also when only texts changed: pages re-render
    db.session.add(petition)
    db.session.flush()
    return petition


def close_petition(petition: Petition) -> None:
    """Stop signing now; the page keeps the final count."""
    petition.status = PetitionStatus.CLOSED
    if petition.closes_at is None or petition.closes_at > clock.now():
        petition.closes_at = clock.now()
    db.session.flush()


def sign(petition: Petition, *, name: str, email: str, country: str, comment: str | None,
         public: bool, updates: bool, lang: str, ip_hash: str | None) -> SignOutcome:
    """Record a pending signature and queue its link; for a known address, mail it again.

    The caller shows the same page whatever the outcome (no user enumeration).
    """
    now = clock.now()
    email, canonical, domain = addresses.forms(email)
    values = dict(
        petition_id=petition.id, name=name.strip(), email=email,
        email_canonical=canonical, email_domain=domain,
        country=country, comment=(comment or "").strip() or None, public=bool(public),
        consent_version=CONSENT_VERSION, updates=bool(updates), lang=lang,
        state=SignatureState.PENDING, ip_hash=ip_hash, created_at=now, mails_resent=0,
        last_mailed_at=now, link_key=new_link_key(), name_hidden=False)
    signature_id = _insert_unless_signed(values)
    if signature_id is not None:
        enqueue(mail.VERIFICATION, to=values["email"], lang=lang,
                key=f"petition-verify:{signature_id}", payload={"signature_id": signature_id},
                campaign_id=petition.campaign_id)
        return SignOutcome.CREATED
    return _mail_again(petition, values["email_canonical"])


def mail_again(signature_id: int) -> SignOutcome | None:
    """Send a signature's mail again ("no e-mail?"): the same write, and the same throttle,
    as signing again with the same address (None when the signature is gone)."""
    known = db.session.get(Signature, signature_id)
    if known is None:
        return None
    return _mail_again(known.petition, known.email_canonical)


def _insert_unless_signed(values: dict) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING: the new id, or None when the address signed before.

    Two requests racing with one address end with one row: the loser waits for the
    winner's commit and then finds the conflict.
    """
    return db.session.scalar(insert_ignoring_conflicts(
        Signature, ("petition_id", "email_canonical")), values)


def _mail_again(petition: Petition, canonical: str) -> SignOutcome:
    table = Signature.__table__
    known = db.session.execute(
        sa.select(table.c.id, table.c.email, table.c.lang, table.c.state)
        .where(table.c.petition_id == petition.id, table.c.email_canonical == canonical)).one()
    if known.state == SignatureState.INVALIDATED:
        return SignOutcome.IGNORED
    sequence = _claim_another_mail(known.id)
    if sequence is None:
        return SignOutcome.THROTTLED
    kind = mail.VERIFICATION if known.state == SignatureState.PENDING else mail.ALREADY_SIGNED
    enqueue(kind, to=known.email, lang=known.lang, key=f"petition-again:{known.id}:{sequence}",
            payload={"signature_id": known.id}, campaign_id=petition.campaign_id)
    return SignOutcome.MAILED_AGAIN


def _claim_another_mail(signature_id: int) -> int | None:
    """Count one more mail for the signature unless it had its share; return its number.

    One conditional UPDATE, so parallel requests cannot both pass the check.
    """
    table = Signature.__table__
    now = clock.now()
    quiet_since = now - timedelta(seconds=setting("PETITION_RESEND_INTERVAL"))
    return db.session.scalar(
        table.update()
        .where(table.c.id == signature_id,
               table.c.mails_resent < setting("PETITION_RESEND_MAX"),
               sa.or_(table.c.last_mailed_at.is_(None), table.c.last_mailed_at <= quiet_since))
        .values(mails_resent=table.c.mails_resent + 1, last_mailed_at=now)
        .returning(table.c.mails_resent))


def verify(signature: Signature) -> bool:
    """Mark a pending signature verified and count it; False when it was not pending."""
    table = Signature.__table__
    changed = db.session.execute(
        table.update()
        .where(table.c.id == signature.id, table.c.state == SignatureState.PENDING)
        .values(state=SignatureState.VERIFIED, verified_at=clock.now())).rowcount
    if changed:
        counter.add(signature.petition_id, 1)
    db.session.expire(signature)
    return bool(changed)


def set_name_hidden(signature: Signature, hidden: bool) -> None:
    """Hide a signer's name from public lists (an organiser's call), or show it again."""
    signature.name_hidden = hidden
    db.session.flush()


def invalidate(petition: Petition, where: list) -> tuple[int, int]:
    """Invalidate the signatures matching *where*; return (verified, pending) invalidated.

    Verified ones go first, each UPDATE's row count says exactly how much to take off the
    counter, so a verification racing with us is either invalidated and uncounted or kept.
    """
    table = Signature.__table__
    done = {}
    for state in (SignatureState.VERIFIED, SignatureState.PENDING):
        done[state] = db.session.execute(
            table.update()
            .where(table.c.petition_id == petition.id, table.c.state == state, *where)
            .values(state=SignatureState.INVALIDATED, invalidated_at=clock.now())).rowcount
    counter.add(petition.id, -done[SignatureState.VERIFIED])
    db.session.expire_all()
    return done[SignatureState.VERIFIED], done[SignatureState.PENDING]


def record_verified_signature(petition: Petition, *, name: str, email: str, country: str,
                              lang: str, public: bool = True) -> Signature:
    """Add an already verified signature without mail (the demo's fictional signers)."""
    now = clock.now()
    email, canonical, domain = addresses.forms(email)
    signature = Signature(
        petition_id=petition.id, name=name, email=email, email_canonical=canonical,
        email_domain=domain,
        country=country, public=public, consent_version=CONSENT_VERSION, updates=False,
        lang=lang, state=SignatureState.VERIFIED, created_at=now, verified_at=now)
    db.session.add(signature)
    db.session.flush()
    counter.add(petition.id, 1)
    return signature


def purge_unverified() -> int:
    """Delete pending signatures whose every verification link has expired (plus a day),
    and every verification mail that old (its link no longer works).

    The verification e-mail promises that nothing is kept without confirmation.
    """
    table = Signature.__table__
    cutoff = clock.now() - timedelta(seconds=setting("PETITION_VERIFY_MAX_AGE"), days=1)
    result = db.session.execute(
        table.delete().where(table.c.state == SignatureState.PENDING,
                             table.c.created_at < cutoff,
                             sa.or_(table.c.last_mailed_at.is_(None),
                                    table.c.last_mailed_at < cutoff)))
    db.session.execute(sa.delete(OutboxMessage).where(
        OutboxMessage.kind == mail.VERIFICATION, OutboxMessage.created_at < cutoff,
        OutboxMessage.status != MessageStatus.SENDING))
    return result.rowcount


def purge_step(now) -> int:
    """The scheduling step (hourly: it scans pending signatures, which no index serves)."""
    return purge_unverified()
