"""Reads: the suppression list and the organisers' mail log."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, g

from campaign.campaigns.models import Campaign
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.mailing.links import hash_key, address_key, normalise_address
from campaign.mailing.models import MessageStatus, OutboxMessage, Suppression

PER_PAGE = 50


def is_suppressed(address: str) -> bool:
    """Whether *address* unsubscribed from non-transactional mail."""
    return db.session.scalar(sa.select(Suppression.id).where(
        Suppression.address_hash == address_key(address))) is not None


def suppressed_among(addresses) -> set[str]:
    """The normalised forms of those *addresses* that are on the suppression list (which
    holds keyed hashes only: each address is hashed here, once)."""
    key = hash_key()
    by_hash = {address_key(address, key): normalise_address(address) for address in addresses}
    wanted = sorted(by_hash)
    found = set()
    for start in range(0, len(wanted), 500):
        found.update(by_hash[h] for h in db.session.scalars(sa.select(
            Suppression.address_hash).where(Suppression.address_hash.in_(
                wanted[start:start + 500]))))
    return found


@dataclass
class LogFilter:
    kind: str = ""
    status: str = ""
    #: Part of the recipient's address, any case.
    search: str = ""
    campaign_id: int | None = None
    #: The campaigns whose rows the reader may see (rows of no campaign are nobody's).
    among: list[int] | None = None


def mail_log(filters: LogFilter, page: int = 1):
    """One page of messages, newest first, narrowed by *filters* (a Flask-SQLAlchemy page)."""
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if filters.kind:
        query = query.where(OutboxMessage.kind == filters.kind)
    if filters.status in set(MessageStatus):
        query = query.where(OutboxMessage.status == MessageStatus(filters.status))
    if filters.search:
        query = query.where(OutboxMessage.to_address.icontains(filters.search.strip(),
                                                               autoescape=True))
    if filters.campaign_id is not None:
        query = query.where(OutboxMessage.campaign_id == filters.campaign_id)
    if filters.among is not None:
        query = query.where(OutboxMessage.campaign_id.in_(filters.among))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def kind_names() -> list[str]:
    """Every kind registered or present in the outbox, for the filter."""
    stored = db.session.scalars(sa.select(OutboxMessage.kind).distinct()).all()
    return sorted(set(stored) | set(kinds.names()))


def get_message(message_id: int) -> OutboxMessage:
    """:raise 404: when there is no such message."""
    if message_id > 2**31 - 1:  # would not fit the column: PostgreSQL would raise
        abort(404)
    return db.session.get(OutboxMessage, message_id) or abort(404)


def mail_to(address: str) -> list[OutboxMessage]:
    """Messages to *address* still holding it (within the mail retention), newest first."""
    return list(db.session.scalars(sa.select(OutboxMessage).where(
        sa.func.lower(OutboxMessage.to_address) == normalise_address(address))
        .order_by(OutboxMessage.id.desc())))


def zone_of(row) -> str:
    """The zone the mail log shows *row*'s times in: its campaign's (UTC for site mail)."""
    if row.campaign_id is None:
        return "UTC"
    zones = g.setdefault("mail_log_zones", {})
    if row.campaign_id not in zones:
        zones[row.campaign_id] = db.session.scalar(
            sa.select(Campaign.timezone).where(Campaign.id == row.campaign_id)) or "UTC"
    return zones[row.campaign_id]
