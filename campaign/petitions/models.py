"""Petition (per-language text), Signature, and the counter's shard rows."""
import datetime as dt
import enum
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from campaign import clock
from campaign.core.database import Timestamps, UTCDateTime, enum_column
from campaign.core.translations import Translated
from campaign.extensions import db


class PetitionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class SignatureState(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    INVALIDATED = "invalidated"


class Petition(Timestamps, Translated, db.Model):
    """A petition of a campaign, addressed to a target, counting verified signatures."""

    __tablename__ = "petition"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    #: Used in URLs: /<lang>/petitions/<slug> (unique across campaigns).
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    #: The first goal; once reached the page shows the next step (see ``goals.next_goal``).
    goal: Mapped[int] = mapped_column(default=1000)
    status: Mapped[PetitionStatus] = enum_column(PetitionStatus, default=PetitionStatus.DRAFT)
    #: Signing opens at this moment (None: as soon as the status is open).
    opens_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Signing closes at this moment (None: open until an organiser closes it).
    closes_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    campaign = relationship("Campaign", lazy="joined", innerjoin=True)
    translations = relationship("PetitionTranslation",
                                collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return self.status != PetitionStatus.DRAFT and self.campaign.is_public

    @property
    def is_open(self) -> bool:
        """Whether people can sign (and verify) right now."""
        moment = clock.now()
        return (self.status == PetitionStatus.OPEN
                and (self.opens_at is None or self.opens_at <= moment)
                and (self.closes_at is None or moment < self.closes_at))

    @property
    def not_yet_open(self) -> bool:
        return (self.status == PetitionStatus.OPEN and self.opens_at is not None
                and clock.now() < self.opens_at)

    def __repr__(self):
        return f"<Petition {self.id} {self.slug!r} {self.status}>"


class PetitionTranslation(db.Model):
    __tablename__ = "petition_translation"
    __table_args__ = (sa.UniqueConstraint("petition_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petition.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    title: Mapped[str | None] = mapped_column(sa.String(200))
    #: Whom the petition addresses, e.g. "EU institutions".
    target: Mapped[str | None] = mapped_column(sa.String(200))
    #: Markdown: the petition itself.
    text: Mapped[str | None] = mapped_column(sa.Text)
    #: Markdown: why it matters.
    why: Mapped[str | None] = mapped_column(sa.Text)


def new_link_key() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


class Signature(db.Model):
    """One person's signature; only verified signatures count."""

    __tablename__ = "signature"
    __table_args__ = (
        sa.UniqueConstraint("petition_id", "email_canonical"),
        # Recent public signers and the per-day chart read this index, never the whole table.
        sa.Index("ix_signature_petition_state_verified", "petition_id", "state", "verified_at"),
        sa.Index("ix_signature_petition_created", "petition_id", "created_at", "id"),
        sa.Index("ix_signature_petition_ip_hash", "petition_id", "ip_hash"),
        sa.Index("ix_signature_petition_domain", "petition_id", "email_domain"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petition.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    #: As typed, trimmed and lower-cased: where mail goes.
    email: Mapped[str] = mapped_column(sa.String(254))
    #: For duplicate checks: dots and +tags removed where the provider ignores them.
    email_canonical: Mapped[str] = mapped_column(sa.String(254))
    #: The part after @, for the per-domain abuse view and rate limit.
    email_domain: Mapped[str] = mapped_column(sa.String(254))
    #: ISO 3166-1 alpha-2 code.
    country: Mapped[str] = mapped_column(sa.String(2))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    #: The signer agreed to show their name (first name on the site, full name on delivery).
    public: Mapped[bool] = mapped_column(default=False)
    #: Version of the consent wording the signer agreed to (``forms.CONSENT_VERSION``).
    consent_version: Mapped[str] = mapped_column(sa.String(20))
    #: The signer wants to hear about the campaign later.
    updates: Mapped[bool] = mapped_column(default=False)
    #: The page's language when signing: mail goes out in it.
    lang: Mapped[str] = mapped_column(sa.String(5))
    state: Mapped[SignatureState] = enum_column(SignatureState, default=SignatureState.PENDING)
    #: HMAC of the IP with a secret salt (``abuse.ip_hash``); the IP is never stored.
    ip_hash: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    invalidated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Mails sent after the first (re-sent links, "already signed"): capped against mail-bombing.
    mails_resent: Mapped[int] = mapped_column(default=0)
    last_mailed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Random and unique, signed into the verification link (no address, no sequential id).
    link_key: Mapped[str | None] = mapped_column(sa.String(24), unique=True,
                                                 default=lambda: new_link_key())
    #: An organiser hid the name from the public list (it still counts).
    name_hidden: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: When name, address and comment were erased (retention or the signer's request); the
    #: row stays, so the count, per-country and per-day figures stay right.
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    petition = relationship("Petition")

    @property
    def first_name(self) -> str:
        """What the public list shows: the first word of the name."""
        parts = self.name.split()
        return parts[0] if parts else ""

    def __repr__(self):
        return f"<Signature {self.id} petition={self.petition_id} {self.state}>"


class PetitionCounterShard(db.Model):
    """One of ``counter.SHARDS`` slices of a petition's verified count (see counter.py)."""

    __tablename__ = "petition_counter_shard"

    petition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("petition.id", ondelete="CASCADE"), primary_key=True)
    shard: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: May go below zero on one shard after invalidations; only the sum means anything.
    count: Mapped[int] = mapped_column(default=0)
