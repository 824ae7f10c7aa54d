"""Organiser messages: one e-mail to an audience, written per language, maybe also an update.

A message is written as a draft, previewed and tested, then sent (now or at a chosen time).
Once sent its texts no longer change: the mail worker renders each recipient's copy from them,
and caches them per language (see :mod:`campaign.messages.mail`). The fan-out step turns a due
message into one outbox row per recipient (see :mod:`campaign.messages.fanout`).
"""
import datetime as dt
import enum
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from campaign import clock
from campaign.core.database import Timestamps, UTCDateTime, enum_column
from campaign.core.translations import Translated
from campaign.extensions import db
from campaign.messages.audiences import Audience


class MessageState(enum.StrEnum):
    #: Being written: editable, may be previewed and tested.
    DRAFT = "draft"
    #: Sending was asked for; the fan-out starts at ``send_at``.
    SCHEDULED = "scheduled"
    #: The fan-out is writing outbox rows (``fanout_after`` says how far it got).
    SENDING = "sending"
    #: Every recipient has an outbox row (the worker may still be delivering them).
    SENT = "sent"
    #: Called off before its time.
    CANCELLED = "cancelled"


def _token() -> str:
    return uuid.uuid4().hex


class OrganiserMessage(Timestamps, Translated, db.Model):
    """A message from organisers to an audience, and/or an update on the campaign page."""

    __tablename__ = "organiser_message"
    __table_args__ = (sa.Index("ix_organiser_message_due", "state", "send_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    #: Who receives it; None for an update that is only published on the campaign page.
    audience: Mapped[Audience | None] = enum_column(Audience)
    #: The event, petition or campaign the audience belongs to.
    scope_id: Mapped[int | None]
    #: Set once per compose form: sending the same form twice finds this message again.
    form_token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=_token)
    #: Goes up with every edit; test sends carry it (the worker caches texts per revision).
    revision: Mapped[int] = mapped_column(default=0)
    state: Mapped[MessageState] = enum_column(MessageState, default=MessageState.DRAFT)
    #: Also shown on the campaign page as an update, dated ``published_at``.
    publish_as_update: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: When the fan-out may start (the organiser's "send now", or a chosen local time).
    send_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Who asked for it to be sent, and when.
    sent_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organiser.id", ondelete="SET NULL"))
    sent_by_name: Mapped[str | None] = mapped_column(sa.String(120))
    requested_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: The audience's size when sending was asked for (what the organiser saw).
    recipient_count: Mapped[int] = mapped_column(default=0)
    #: Outbox rows the fan-out wrote, and the last address it reached (it resumes after it).
    enqueued_count: Mapped[int] = mapped_column(default=0)
    fanout_after: Mapped[str | None] = mapped_column(sa.String(254))
    fanout_done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by_name: Mapped[str | None] = mapped_column(sa.String(120))

    campaign = relationship("Campaign", lazy="joined", innerjoin=True)
    translations = relationship("MessageTranslation",
                                collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan", lazy="selectin")

    @property
    def languages(self) -> list[str]:
        """Languages the message is written in, in the campaign's order."""
        order = self.campaign.languages + [c for c in self.translations
                                          if c not in self.campaign.languages]
        return [code for code in order if self.has_text(code, "subject")]

    @property
    def is_draft(self) -> bool:
        return self.state == MessageState.DRAFT

    @property
    def is_emailed(self) -> bool:
        return self.audience is not None

    @property
    def key_prefix(self) -> str:
        """Every outbox row of this message has a key starting so (fixed width: a range)."""
        return key_prefix(self.id)

    def __repr__(self):
        return f"<OrganiserMessage {self.id} {self.state} {self.audience}>"


def key_prefix(message_id: int) -> str:
    return f"msg-{message_id:010d}-"


class MessageTranslation(db.Model):
    __tablename__ = "organiser_message_translation"
    __table_args__ = (sa.UniqueConstraint("message_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organiser_message.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    subject: Mapped[str | None] = mapped_column(sa.String(200))
    #: Markdown, sanitised when rendered.
    body: Mapped[str | None] = mapped_column(sa.Text)

