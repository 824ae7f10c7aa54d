"""Letter actions (per-language text, a closing moment), their targets, the supporters'
letters and one delivery per (supporter, target, action)."""
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


class ActionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class TargetRule(enum.StrEnum):
    """Which of the campaign's targets an action writes to (resolved when a letter is sent)."""
    ALL = "all"
    COUNTRY = "country"
    GROUP = "group"
    PICKED = "picked"


class LetterState(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"


class DeliveryState(enum.StrEnum):
    #: Waiting for room under the target's hourly and daily caps.
    QUEUED = "queued"
    #: Moved into the outbox; the worker sends it.
    SCHEDULED = "scheduled"
    SENT = "sent"
    FAILED = "failed"
    BOUNCED = "bounced"


action_target = sa.Table(
    "letter_action_target", db.metadata,
    sa.Column("action_id", sa.ForeignKey("letter_action.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("target_id", sa.ForeignKey("letter_target.id", ondelete="CASCADE"),
              primary_key=True))


class LetterAction(Timestamps, Translated, db.Model):
    """An e-mail-to-target action: supporters write to their representatives until it closes."""

    __tablename__ = "letter_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    #: Used in URLs: /<lang>/letters/<slug> (unique across campaigns).
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    status: Mapped[ActionStatus] = enum_column(ActionStatus, default=ActionStatus.DRAFT)
    #: Writing closes when this key date starts (its time, else the start of its day).
    closing_key_date_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("key_date.id", ondelete="SET NULL"), index=True)
    #: Or at this moment; with both, whichever comes first.
    closes_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    subject_editable: Mapped[bool] = mapped_column(default=True)
    body_editable: Mapped[bool] = mapped_column(default=True)
    #: Longest body a supporter may send, in characters.
    max_body_length: Mapped[int] = mapped_column(default=5000)
    target_rule: Mapped[TargetRule] = enum_column(TargetRule, default=TargetRule.ALL)
    #: For the "country" rule: ISO codes, comma-separated ("BE,PL").
    target_countries: Mapped[str | None] = mapped_column(sa.String(400))
    #: For the "group" rule: political groups, one per line (names hold "/" and "&").
    target_groups: Mapped[str | None] = mapped_column(sa.Text)

    campaign = relationship("Campaign", lazy="joined", innerjoin=True)
    closing_key_date = relationship("KeyDate")
    translations = relationship("LetterActionTranslation",
                                collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan", lazy="selectin")
    picked_targets = relationship("LetterTarget", secondary=action_target)

    @property
    def closing_moment(self) -> dt.datetime | None:
        """When writing stops: the earlier of ``closes_at`` and the key date's start."""
        moments = [self.closes_at] if self.closes_at else []
        key_date = self.closing_key_date
        if key_date is not None:
            moments.append(key_date.starts_at() or dt.datetime.combine(
                key_date.date, dt.time(), key_date.campaign.zone).astimezone(dt.UTC))
        return min(moments) if moments else None

    @property
    def is_public(self) -> bool:
        return self.status != ActionStatus.DRAFT and self.campaign.is_public

    @property
    def is_open(self) -> bool:
        """Whether supporters can write (and confirm) right now."""
        closing = self.closing_moment
        return self.status == ActionStatus.OPEN and (closing is None or clock.now() < closing)

    @property
    def country_codes(self) -> list[str]:
        return [c for c in (self.target_countries or "").split(",") if c]

    @property
    def group_names(self) -> list[str]:
        return [g.strip() for g in (self.target_groups or "").splitlines() if g.strip()]

    def __repr__(self):
        return f"<LetterAction {self.id} {self.slug!r} {self.status}>"


class LetterActionTranslation(db.Model):
    __tablename__ = "letter_action_translation"
    __table_args__ = (sa.UniqueConstraint("action_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("letter_action.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    title: Mapped[str | None] = mapped_column(sa.String(200))
    #: Markdown: why write, and to whom.
    explanation: Mapped[str | None] = mapped_column(sa.Text)
    #: The suggested letter, plain text (it is what the target reads).
    subject: Mapped[str | None] = mapped_column(sa.String(200))
    body: Mapped[str | None] = mapped_column(sa.Text)


class LetterTarget(db.Model):
    """A representative supporters write to (an MEP…), imported by organisers from CSV."""

    __tablename__ = "letter_target"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    #: ISO 3166-1 alpha-2 code of the country they represent.
    country: Mapped[str] = mapped_column(sa.String(2))
    political_group: Mapped[str | None] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    #: Languages they read, comma-separated codes ("fr,nl,en").
    languages: Mapped[str | None] = mapped_column(sa.String(60))
    constituency: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)

    def __repr__(self):
        return f"<LetterTarget {self.id} {self.country} {self.political_group}>"


def new_link_key() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


class Letter(db.Model):
    """One supporter's letter to an action's targets in their country; sent once confirmed."""

    __tablename__ = "letter"
    __table_args__ = (sa.UniqueConstraint("action_id", "email_canonical"),
                      sa.Index("ix_letter_action_state", "action_id", "state"))

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("letter_action.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    #: As typed, normalised: where the confirmation goes and the letters' Reply-To.
    email: Mapped[str] = mapped_column(sa.String(254))
    #: For "one letter per supporter" (campaign.core.addresses.canonical).
    email_canonical: Mapped[str] = mapped_column(sa.String(254))
    country: Mapped[str] = mapped_column(sa.String(2))
    #: The page's language: the confirmation goes out in it.
    lang: Mapped[str] = mapped_column(sa.String(5))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    #: Version of the consent wording agreed to (``operations.CONSENT_VERSION``).
    consent_version: Mapped[str] = mapped_column(sa.String(20))
    updates: Mapped[bool] = mapped_column(default=False)
    state: Mapped[LetterState] = enum_column(LetterState, default=LetterState.PENDING)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Mails sent after the first: capped against mail-bombing, as for signatures.
    mails_resent: Mapped[int] = mapped_column(default=0)
    last_mailed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Random and unique, signed into the confirmation link (no address, no sequential id).
    link_key: Mapped[str | None] = mapped_column(sa.String(24), unique=True,
                                                 default=lambda: new_link_key())
    #: When name, address and words were erased (retention or the supporter's request); the
    #: row stays, with its country and dates, so the counts stay right.
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    action = relationship("LetterAction")

    def __repr__(self):
        return f"<Letter {self.id} action={self.action_id} {self.state}>"


class LetterDelivery(db.Model):
    """The letter to one target: queued under the target's caps, then sent by the outbox."""

    __tablename__ = "letter_delivery"
    __table_args__ = (
        # One letter per (supporter, target, action), whatever is resubmitted or re-confirmed.
        sa.UniqueConstraint("action_id", "email_canonical", "target_id"),
        sa.Index("ix_letter_delivery_target_state", "target_id", "state", "scheduled_at"),
        sa.Index("ix_letter_delivery_state_created", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(sa.ForeignKey("letter.id", ondelete="CASCADE"),
                                           index=True)
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("letter_action.id", ondelete="CASCADE"))
    email_canonical: Mapped[str] = mapped_column(sa.String(254))
    target_id: Mapped[int] = mapped_column(sa.ForeignKey("letter_target.id", ondelete="CASCADE"))
    state: Mapped[DeliveryState] = enum_column(DeliveryState, default=DeliveryState.QUEUED)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: When it moved into the outbox: the caps count these.
    scheduled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)

    letter = relationship("Letter")
    target = relationship("LetterTarget")

    @property
    def outbox_key(self) -> str:
        return f"letter:{self.id}"


class MailtoClick(db.Model):
    """A supporter chose "send it from my own mailbox": counted, never claimed as delivered."""

    __tablename__ = "letter_mailto_click"
    __table_args__ = (sa.Index("ix_letter_mailto_click_action", "action_id", "clicked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("letter_action.id", ondelete="CASCADE"))
    country: Mapped[str] = mapped_column(sa.String(2))
    clicked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
