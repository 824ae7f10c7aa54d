"""Campaign and KeyDate, each with per-language text."""
import enum
import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from campaign import clock
from campaign.core.database import Timestamps, UTCDateTime, enum_column
from campaign.core.translations import Translated
from campaign.extensions import db


class CampaignStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class KeyDateKind(enum.StrEnum):
    PLENARY_DEBATE = "plenary_debate"
    PLENARY_VOTE = "plenary_vote"
    ANNIVERSARY = "anniversary"
    DEADLINE = "deadline"
    HEARING = "hearing"
    OTHER = "other"


class Campaign(Timestamps, Translated, db.Model):
    """A campaign: the home of its events, petitions, key dates and updates."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Used in URLs: /<lang>/campaigns/<slug>.
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    #: Language shown when a text is missing in the visitor's language.
    default_language: Mapped[str] = mapped_column(sa.String(5))
    #: Languages the campaign is offered in, comma-separated ("en,ru,pl").
    languages_csv: Mapped[str] = mapped_column(sa.String(40))
    #: IANA zone for key dates and the campaign's local times, e.g. Europe/Brussels.
    timezone: Mapped[str] = mapped_column(sa.String(64))
    contact_name: Mapped[str] = mapped_column(sa.String(120))
    contact_email: Mapped[str] = mapped_column(sa.String(254))
    #: Who holds supporters' data (the data controller: organisation and postal address),
    #: named by the privacy notice; empty: the contact person.
    privacy_holder: Mapped[str | None] = mapped_column(sa.String(300))
    #: Where supporters write about their data; empty: the contact e-mail.
    privacy_email: Mapped[str | None] = mapped_column(sa.String(254))
    status: Mapped[CampaignStatus] = enum_column(CampaignStatus, default=CampaignStatus.DRAFT)
    #: The From name of the campaign's mail to supporters ("Kazakhstan Solidarity"); the
    #: address stays the site's. None: the site's own sender.
    sender_name: Mapped[str | None] = mapped_column(sa.String(80))
    #: Where supporters' replies go (Reply-To); None: no Reply-To.
    reply_to: Mapped[str | None] = mapped_column(sa.String(254))
    #: Goes up with every change to the campaign or what belongs to it (cache key, ETag).
    revision: Mapped[int] = mapped_column(default=0)

    translations = relationship("CampaignTranslation", collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan", lazy="selectin")
    key_dates = relationship("KeyDate", back_populates="campaign", cascade="all, delete-orphan",
                             order_by="KeyDate.date")

    @property
    def fallback_language(self) -> str:
        return self.default_language

    @property
    def languages(self) -> list[str]:
        return [code for code in self.languages_csv.split(",") if code]

    @languages.setter
    def languages(self, codes) -> None:
        self.languages_csv = ",".join(codes)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_public(self) -> bool:
        return self.status != CampaignStatus.DRAFT

    def touch(self) -> None:
        """Mark the campaign changed (its pages, feeds and caches must refresh)."""
        self.updated_at = clock.now()
        if self.id is None:
            self.revision = 1
        else:
            # Counted in SQL (revision = revision + 1): two writes at once, through two app
            # servers, get a revision each; feed caches and ETags rely on that.
            self.revision = Campaign.revision + 1

    @property
    def privacy_contact(self) -> tuple[str, str]:
        """(who holds supporters' data, the address for questions about it)."""
        return (self.privacy_holder or self.contact_name,
                self.privacy_email or self.contact_email)

    def today(self) -> dt.date:
        """Today's date where the campaign happens."""
        return clock.now().astimezone(self.zone).date()

    def __repr__(self):
        return f"<Campaign {self.id} {self.slug!r} {self.status}>"


class CampaignTranslation(db.Model):
    __tablename__ = "campaign_translation"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    title: Mapped[str | None] = mapped_column(sa.String(200))
    summary: Mapped[str | None] = mapped_column(sa.Text)
    #: Markdown.
    body: Mapped[str | None] = mapped_column(sa.Text)


class KeyDate(Timestamps, Translated, db.Model):
    """A date on the campaign's political calendar: a debate, a vote, an anniversary."""

    __tablename__ = "key_date"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    kind: Mapped[KeyDateKind] = enum_column(KeyDateKind, default=KeyDateKind.OTHER)
    #: The day in the campaign's zone; for a yearly date, the original day (the year counts).
    date: Mapped[dt.date] = mapped_column(sa.Date)
    #: Local time in the campaign's zone; None for an all-day date.
    time: Mapped[dt.time | None] = mapped_column(sa.Time)
    #: Recurs every year on the same day (anniversaries); ``date`` keeps the first year.
    yearly: Mapped[bool] = mapped_column(default=False)
    link: Mapped[str | None] = mapped_column(sa.String(500))
    #: iCalendar SEQUENCE: goes up whenever the day, time or recurrence changes.
    sequence: Mapped[int] = mapped_column(default=0)

    campaign = relationship("Campaign", back_populates="key_dates")
    translations = relationship("KeyDateTranslation", collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan", lazy="selectin")

    @property
    def all_day(self) -> bool:
        return self.time is None

    def occurrence(self, on_or_after: dt.date) -> dt.date | None:
        """The day this key date falls on, on or after *on_or_after*; None once a one-off passed."""
        if not self.yearly:
            return self.date if self.date >= on_or_after else None
        for year in (on_or_after.year, on_or_after.year + 1):
            day = _same_day_in(self.date, year)
            if day >= on_or_after and year >= self.date.year:
                return day
        return None

    def years_since_first(self, day: dt.date) -> int:
        """For a yearly date: which anniversary *day* is (6 for 2017 of a 2011 event)."""
        return day.year - self.date.year

    def starts_at(self, day: dt.date | None = None) -> dt.datetime | None:
        """The aware start on *day* (default: the original day); None when all-day."""
        if self.time is None:
            return None
        return dt.datetime.combine(day or self.date, self.time, tzinfo=self.campaign.zone)

    def __repr__(self):
        return f"<KeyDate {self.id} {self.kind} {self.date}{' yearly' if self.yearly else ''}>"


def _same_day_in(day: dt.date, year: int) -> dt.date:
    """*day* moved to *year*; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


class KeyDateTranslation(db.Model):
    __tablename__ = "key_date_translation"
    __table_args__ = (sa.UniqueConstraint("key_date_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_date_id: Mapped[int] = mapped_column(sa.ForeignKey("key_date.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    title: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)
