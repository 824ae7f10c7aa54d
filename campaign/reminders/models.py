"""Key-date reminders written by organisers, and a record of each one sent (or skipped)."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from campaign import clock
from campaign.core.database import Timestamps, UTCDateTime, enum_column
from campaign.core.translations import Translated
from campaign.extensions import db
from campaign.messages.audiences import Audience


class KeyDateReminder(Timestamps, Translated, db.Model):
    """An e-mail to an audience, a number of days before a key date, at a local time."""

    __tablename__ = "key_date_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_date_id: Mapped[int] = mapped_column(
        sa.ForeignKey("key_date.id", ondelete="CASCADE"), index=True)
    #: 0 = on the day itself, 1 = the day before, 7 = a week before.
    days_before: Mapped[int] = mapped_column(default=1)
    #: Local time of day in the campaign's zone (e.g. 08:00).
    time_of_day: Mapped[dt.time] = mapped_column(sa.Time)
    #: Who receives it; see campaign.messages.audiences.
    audience: Mapped[Audience] = enum_column(Audience, default=Audience.CAMPAIGN_SUPPORTERS)
    #: The event or petition the audience belongs to; None for the campaign's supporters.
    scope_id: Mapped[int | None]
    #: Same-day reminders only: still send later that day when the worker was down at the
    #: time (beyond the grace period), instead of skipping.
    catch_up: Mapped[bool] = mapped_column(default=False)

    key_date = relationship("KeyDate", lazy="joined", innerjoin=True)
    translations = relationship("KeyDateReminderTranslation",
                                collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan", lazy="selectin")

    @property
    def campaign(self):
        return self.key_date.campaign

    @property
    def scope(self) -> int:
        """The id recipients() takes: the event, the petition or the campaign."""
        return self.campaign.id if self.audience == Audience.CAMPAIGN_SUPPORTERS else self.scope_id

    def due_at(self, day: dt.date) -> dt.datetime:
        """When the reminder for the key date falling on *day* goes out (aware, UTC)."""
        local_day = day - dt.timedelta(days=self.days_before)
        return dt.datetime.combine(local_day, self.time_of_day,
                                   tzinfo=self.campaign.zone).astimezone(dt.UTC)

    def __repr__(self):
        return (f"<KeyDateReminder {self.id} key_date={self.key_date_id} "
                f"-{self.days_before}d {self.time_of_day:%H:%M} {self.audience}>")


class KeyDateReminderTranslation(db.Model):
    __tablename__ = "key_date_reminder_translation"
    __table_args__ = (sa.UniqueConstraint("reminder_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(
        sa.ForeignKey("key_date_reminder.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    #: May hold {date}, {anniversary} (years since the first) and {ordinal} ("15th").
    subject: Mapped[str | None] = mapped_column(sa.String(300))
    #: Markdown, with the same placeholders.
    body: Mapped[str | None] = mapped_column(sa.Text)


class ReminderRun(db.Model):
    """One occurrence of a key-date reminder handled: sent to its audience, or skipped.

    Written in the transaction that enqueues the messages, so the scheduler streams an
    audience once per occurrence instead of every round.
    """

    __tablename__ = "reminder_run"
    __table_args__ = (sa.UniqueConstraint("reminder_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(
        sa.ForeignKey("key_date_reminder.id", ondelete="CASCADE"))
    #: The day the key date falls on (for a yearly date: that year's).
    day: Mapped[dt.date] = mapped_column(sa.Date)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Found past the grace period: written to the mail log as skipped, not sent.
    skipped: Mapped[bool] = mapped_column(default=False)
    #: Messages enqueued (or logged as skipped) for this occurrence.
    recipients: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)

    def __repr__(self):
        return f"<ReminderRun reminder={self.reminder_id} {self.day} n={self.recipients}>"

