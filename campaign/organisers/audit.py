"""The audit log: what was done in a campaign, by whom, kept ``AUDIT_RETAIN_DAYS`` days.

Other domains call :func:`record` inside their write (an export, a message sent, a settings
change); sign-ins are recorded per account (no campaign) and shown to the owners of every
campaign the account belongs to. :func:`purge` is the retention step the mail worker runs
(registered by mailing, the lowest layer with a scheduler).
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app, has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from campaign import clock
from campaign.config import add_defaults
from campaign.extensions import db
from campaign.organisers.models import AuditEvent, Membership, Organiser

DEFAULTS = {
    #: Days an audit event is kept; the worker deletes older ones.
    "AUDIT_RETAIN_DAYS": 365,
}

KIND_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in failed"),
    "password_changed": _l("Password changed"),
    "two_factor_enabled": _l("Two-factor sign-in turned on"),
    "export": _l("List exported"),
    "message_sent": _l("Message sent"),
    "member_added": _l("Member added"),
    "role_changed": _l("Role changed"),
    "member_removed": _l("Member removed"),
    "invitation_sent": _l("Invitation sent"),
    "invitation_revoked": _l("Invitation revoked"),
    "settings_changed": _l("Settings changed"),
    "api_token_created": _l("API token created"),
    "api_token_revoked": _l("API token revoked"),
    "api_used": _l("API used"),
    "door_events_changed": _l("Door events changed"),
    "two_factor_turned_off": _l("Two-factor sign-in turned off"),
    "account_created": _l("Account created"),
    "account_deactivated": _l("Account deactivated"),
    "account_reactivated": _l("Account reactivated"),
}


def init_app(app):
    add_defaults(app, DEFAULTS)


def record(kind: str, campaign_id: int | None = None, organiser_id: int | None = None,
           **details) -> AuditEvent:
    """Add an event (flushes with the caller's write). The actor defaults to whoever is
    signed in."""
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown audit kind {kind!r}")
    if organiser_id is None and has_request_context() and current_user.is_authenticated:
        organiser_id = current_user.id
    event = AuditEvent(kind=kind, campaign_id=campaign_id, organiser_id=organiser_id,
                       details=details, at=clock.now())
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    organiser_id: int | None = None
    start: date | None = None
    end: date | None = None


def events(campaign_id: int, filters: Filters, limit: int = 200,
           offset: int = 0) -> list[tuple[AuditEvent, str]]:
    """The campaign's events and its members' sign-ins, newest first, with the actor's name
    (*limit* of them, after skipping *offset*)."""
    members = db.select(Membership.organiser_id).where(Membership.campaign_id == campaign_id)
    query = (db.select(AuditEvent, Organiser.name)
             .outerjoin(Organiser, Organiser.id == AuditEvent.organiser_id)
             .where((AuditEvent.campaign_id == campaign_id)
                    | (AuditEvent.campaign_id.is_(None) & AuditEvent.organiser_id.in_(members))))
    if filters.kind:
        query = query.where(AuditEvent.kind == filters.kind)
    if filters.organiser_id:
        query = query.where(AuditEvent.organiser_id == filters.organiser_id)
    if filters.start:
        query = query.where(AuditEvent.at >= _midnight(filters.start))
    if filters.end:
        query = query.where(AuditEvent.at < _midnight(filters.end + timedelta(days=1)))
    rows = db.session.execute(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                              .limit(limit).offset(offset)).all()
    return [(event, name or "") for event, name in rows]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)


def purge(now: datetime) -> int:
    """Delete events older than the retention period; returns how many."""
    cutoff = now - timedelta(days=current_app.config["AUDIT_RETAIN_DAYS"])
    result = db.session.execute(db.delete(AuditEvent).where(AuditEvent.at < cutoff))
    return result.rowcount or 0
