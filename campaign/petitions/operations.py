"""Writes for petitions and signatures. Each flushes; the caller commits once."""
import enum
import functools
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from campaign import clock
from campaign.core.database import UTCDateTime, check_slug_free
from campaign.extensions import db
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.outbox import enqueue
from campaign.core import addresses
from campaign.petitions import counter, mail, retention, signals
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
    #: Signed before, but the address got its share of mail lately, or was invalidated by
    #: an organiser: nothing is sent.
    THROTTLED = "throttled"


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
    """Record a pending signature and queue its link; for a known address, mail it again
    (the link while pending, "you already signed" once verified), never changing what it
    holds.

    No oracle: every address costs the same work — one upsert of the signature row, one
    outbox row (written already cancelled when the address had its share of mail lately or
    was invalidated) — and the caller shows the same page whatever the outcome.
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
    quiet_since = now - timedelta(seconds=setting("PETITION_RESEND_INTERVAL"))
    row = db.session.execute(_upsert(db.session.get_bind().dialect.name), {
        **values, "quiet_since": quiet_since,
        "resend_max": setting("PETITION_RESEND_MAX")}).first()
    if row is None:  # invalidated, or mailed lately or often: an outbox row all the same
        enqueue(mail.VERIFICATION, to=email, lang=lang,
                key=f"petition-skipped:{uuid.uuid4().hex}", campaign_id=petition.campaign_id,
                skipped="throttled")
        return SignOutcome.THROTTLED
    kind = mail.VERIFICATION if row.state == SignatureState.PENDING else mail.ALREADY_SIGNED
    # To the address as stored (the first signer's), in the language they chose.
    enqueue(kind, to=row.email, lang=row.lang, key=f"petition-mail:{row.id}:{row.mails_resent}",
            payload={"signature_id": row.id}, campaign_id=petition.campaign_id)
    return SignOutcome.CREATED if row.mails_resent == 0 else SignOutcome.MAILED_AGAIN


def mail_again(signature_id: int) -> SignOutcome | None:
    """Send a signature's mail again ("no e-mail?"): exactly the write of signing again with
    the same address — the same upsert, throttle and outbox row, nothing it holds changed
    (None when the signature is gone or erased)."""
    known = db.session.get(Signature, signature_id)
    if known is None or known.erased_at is not None or not known.email:
        return None
    return sign(known.petition, name=known.name or "", email=known.email,
                country=known.country, comment=None, public=known.public,
                updates=known.updates, lang=known.lang, ip_hash=None)


@functools.cache
def _upsert(dialect: str):
    """INSERT the signature; on (petition, canonical address) conflict count one more mail
    unless the signature was invalidated or had its share (then RETURNING gives no row). One
    statement, so racing requests and the throttle cannot disagree: the loser of two racing
    inserts waits for the winner's commit and then takes the conflict branch. Built once per
    engine (``quiet_since`` and ``resend_max`` are parameters)."""
    table = Signature.__table__
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    old = table.c
    return insert.on_conflict_do_update(
        index_elements=["petition_id", "email_canonical"],
        set_={"mails_resent": old.mails_resent + 1,
              "last_mailed_at": insert.excluded.last_mailed_at},
        where=sa.and_(old.state != SignatureState.INVALIDATED,
                      old.mails_resent < sa.bindparam("resend_max"),
                      sa.or_(old.last_mailed_at.is_(None),
                             old.last_mailed_at <= sa.bindparam("quiet_since",
                                                                type_=UTCDateTime))),
    ).returning(old.id, old.email, old.lang, old.state, old.mails_resent)


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
    if changed:
        signals.signature_verified.send(signature)
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


def erase_signature(signature: Signature) -> None:
    """Erase a signature's personal data at its owner's request (it still counts), the mail
    about it, and, through ``signature_erased``, the copies other domains keep."""
    signals.signature_erased.send(signature.email)
    retention.erase_signature(signature, clock.now())
