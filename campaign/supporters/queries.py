"""Reads: the access a link is for, and everything held about its address."""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from campaign.core import signing
from campaign.events import queries as event_queries
from campaign.extensions import db
from campaign.letters import queries as letter_queries
from campaign.mailing import queries as mail_queries
from campaign.petitions import queries as petition_queries
from campaign.supporters.mail import PURPOSE
from campaign.supporters.models import DataAccess


def access_from_token(token: str) -> DataAccess:
    """:raise signing.InvalidToken: tampered, unknown, or (``expired=True``) too old."""
    max_age = current_app.config["MY_DATA_LINK_MINUTES"] * 60
    key = signing.read_token(PURPOSE, token, max_age=max_age)
    access = db.session.scalar(sa.select(DataAccess).where(DataAccess.link_key == key)) \
        if isinstance(key, str) else None
    if access is None:
        raise signing.InvalidToken()
    if access.is_expired:
        raise signing.InvalidToken(expired=True)
    return access


@dataclass
class Held:
    """Everything held about one address, in every campaign."""

    rsvps: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    signatures: list = field(default_factory=list)
    letters: list = field(default_factory=list)
    mail: list = field(default_factory=list)
    unsubscribed: bool = False


def held_about(email: str) -> Held:
    return Held(rsvps=[r for r in event_queries.rsvps_of_address(email) if r.erased_at is None],
                requests=event_queries.requests_of_address(email),
                signatures=[s for s in petition_queries.signatures_of_address(email)
                            if s.erased_at is None],
                letters=letter_queries.letters_of_address(email),
                mail=mail_queries.mail_to(email),
                unsubscribed=mail_queries.is_suppressed(email))


def _moment(value):
    return value.isoformat() if value else None


def as_json(email: str) -> dict:
    """The download (GDPR articles 15 and 20): every item with what it holds."""
    held = held_about(email)
    return {
        "email": email,
        "unsubscribed_from_updates": held.unsubscribed,
        "rsvps": [{"event": r.event.text("title"), "event_starts": _moment(r.event.starts_at),
                   "name": r.name, "guests": r.guests, "status": r.status.value,
                   "language": r.lang, "wants_updates": r.wants_updates,
                   "consent_version": r.consent_version, "consented_at": _moment(r.consented_at),
                   "created_at": _moment(r.created_at), "checked_in_at": _moment(r.checked_in_at)}
                  for r in held.rsvps],
        "unconfirmed_rsvps": [{"event": q.event.text("title"), "name": q.name,
                               "guests": q.guests, "created_at": _moment(q.created_at),
                               "deleted_at": _moment(q.expires_at)} for q in held.requests],
        "signatures": [{"petition": s.petition.text("title"), "name": s.name,
                        "country": s.country, "comment": s.comment, "public": s.public,
                        "wants_updates": s.updates, "state": s.state.value,
                        "language": s.lang, "consent_version": s.consent_version,
                        "created_at": _moment(s.created_at),
                        "verified_at": _moment(s.verified_at)} for s in held.signatures],
        "letters": [{"action": q.action.text("title"), "name": q.name, "country": q.country,
                     "subject": q.subject, "body": q.body, "state": q.state.value,
                     "language": q.lang, "wants_updates": q.updates,
                     "consent_version": q.consent_version, "created_at": _moment(q.created_at),
                     "confirmed_at": _moment(q.confirmed_at),
                     "to": [{"name": target.name, "delivery": state.value}
                            for target, state in letter_queries.recipients_of(q)]}
                    for q in held.letters],
        "mail": [{"kind": m.kind, "subject": m.subject, "status": m.status.value,
                  "created_at": _moment(m.created_at), "sent_at": _moment(m.sent_at)}
                 for m in held.mail],
    }
