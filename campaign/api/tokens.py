"""API tokens: create (shown once), revoke, find the token of a request, note each use.

A token is 256 random bits, so a fast keyed hash (HMAC-SHA256 with a key derived from
SECRET_KEY) is enough: a copy of the table without the key opens nothing and cannot be
tested against guesses. Each use is written to the campaign's audit log; a run of identical
uses (same token, method and path) within ``API_AUDIT_MERGE_SECONDS`` is kept as one entry
with a count, so a client polling every few seconds does not bury the log.
"""
import hashlib
import hmac
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.api.models import ApiToken
from campaign.extensions import db
from campaign.organisers import audit
from campaign.organisers.models import AuditEvent
from campaign.organisers.roles import Role

#: Every token starts with this, so secret scanners and people recognise one.
PREFIX = "cmp_"


def digest(token: str) -> str:
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"campaign.api.token",
                   hashlib.sha256).digest()
    return hmac.new(key, token.strip().encode(), hashlib.sha256).hexdigest()


def create_token(campaign_id: int, name: str, role: Role | str,
                 created_by_id: int | None = None) -> tuple[ApiToken, str]:
    """A new token of the campaign: (its row, the token itself, to show once)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(campaign_id=campaign_id, name=name.strip() or "API", role=Role(role),
                     token_hash=digest(secret), prefix=secret[:10],
                     created_by_id=created_by_id, created_at=clock.now())
    db.session.add(token)
    db.session.flush()
    audit.record("api_token_created", campaign_id, organiser_id=created_by_id,
                 token=token.name, role=str(token.role))
    return token, secret


def revoke(token: ApiToken, revoked_by_id: int | None = None, **details) -> bool:
    """Stop a token working at once; False when it already was revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = clock.now()
    audit.record("api_token_revoked", token.campaign_id, organiser_id=revoked_by_id,
                 token=token.name, **details)
    db.session.flush()
    return True


def revoke_made_by(organiser, campaign_id: int, **_) -> None:
    """*organiser* is no longer an owner of the campaign: the tokens they made for it stop
    (they saw each secret once and may have kept it; an owner makes a new one for the
    integrations that need it)."""
    made = db.session.scalars(sa.select(ApiToken).where(
        ApiToken.campaign_id == campaign_id, ApiToken.created_by_id == organiser.id,
        ApiToken.revoked_at.is_(None)))
    for token in made:
        revoke(token, maker=organiser.email)


def find(secret: str) -> ApiToken | None:
    """The active token *secret* is, or None."""
    if not secret or len(secret) > 200:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    return token if token is not None and token.is_active else None


def tokens_of(campaign_id: int) -> list[ApiToken]:
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.campaign_id == campaign_id)
                                   .order_by(ApiToken.revoked_at.is_not(None),
                                             ApiToken.created_at.desc())))


def note_use(token: ApiToken, method: str, path: str, status: int) -> None:
    """Mark the token used now and write the use to the audit log (see the module's note)."""
    now = clock.now()
    token.last_used_at = now
    merge_since = now - timedelta(seconds=current_app.config["API_AUDIT_MERGE_SECONDS"])
    last = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.campaign_id == token.campaign_id)
        .order_by(AuditEvent.id.desc()).limit(1))
    same = dict(token=token.name, token_id=token.id, request=f"{method} {path}", status=status)
    if (last is not None and last.kind == "api_used" and last.at >= merge_since
            and {k: (last.details or {}).get(k) for k in same} == same):
        last.details = {**last.details, "count": int(last.details.get("count", 1)) + 1}
        last.at = now
    else:
        audit.record("api_used", token.campaign_id, **same)
    db.session.flush()
