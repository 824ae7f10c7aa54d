"""Reads for the organiser pages: a key date's reminders, the audiences to choose from."""
import datetime
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort

from campaign import clock
from campaign.events import queries as event_queries
from campaign.extensions import db
from campaign.letters import queries as letter_queries
from campaign.messages.audiences import Audience, form_value
from campaign.messages.forms import (EVENT_AUDIENCES, LETTER_AUDIENCES, PETITION_AUDIENCES,
                                     SUPPORTERS)
from campaign.petitions import queries as petition_queries
from campaign.reminders import timing
from campaign.reminders.models import KeyDateReminder, ReminderRun


def get_reminder(reminder_id: int) -> KeyDateReminder:
    """:raise 404: when there is no such reminder (routes bound ids to what the column holds)."""
    return db.session.get(KeyDateReminder, reminder_id) or abort(404)


def reminders_of(key_date) -> list[KeyDateReminder]:
    """A key date's reminders, earliest first."""
    return db.session.scalars(sa.select(KeyDateReminder).where(
        KeyDateReminder.key_date_id == key_date.id).order_by(
        KeyDateReminder.days_before.desc(), KeyDateReminder.time_of_day,
        KeyDateReminder.id)).all()


def last_run(reminder: KeyDateReminder) -> ReminderRun | None:
    return db.session.scalar(sa.select(ReminderRun).where(
        ReminderRun.reminder_id == reminder.id).order_by(ReminderRun.day.desc()).limit(1))


def audience_choices(campaign) -> list[tuple[str, str]]:
    """The audiences a campaign's reminder may reach, labelled as on the compose page."""
    choices = [(form_value(Audience.CAMPAIGN_SUPPORTERS, None), str(SUPPORTERS))]
    attendees = EVENT_AUDIENCES[Audience.EVENT_ATTENDEES]
    choices += [(form_value(Audience.EVENT_ATTENDEES, event.id),
                 attendees % {"title": event.text("title")})
                for event in event_queries.events_of(campaign)]
    signers = PETITION_AUDIENCES[Audience.PETITION_SIGNERS]
    choices += [(form_value(Audience.PETITION_SIGNERS, petition.id),
                 signers % {"title": petition.text("title")})
                for petition in petition_queries.campaign_petitions(campaign, public_only=False)]
    writers = LETTER_AUDIENCES[Audience.LETTER_WRITERS]
    choices += [(form_value(Audience.LETTER_WRITERS, action.id),
                 writers % {"title": action.text("title")})
                for action in letter_queries.campaign_actions(campaign, public_only=False)]
    return choices


@dataclass(frozen=True)
class NextSend:
    """When a reminder next goes out, for the key date's page."""
    due: datetime.datetime
    #: Its time for the coming occurrence is already past and it has not gone out.
    passed: bool
    #: Past by more than the grace period: the worker skips it (unless it catches up).
    skipped: bool


def next_send(reminder: KeyDateReminder) -> NextSend | None:
    """The coming occurrence's send time; None once that occurrence was handled."""
    key_date, now = reminder.key_date, clock.now()
    day = key_date.occurrence(reminder.campaign.today()) or key_date.date
    if db.session.scalar(sa.select(ReminderRun.id).where(
            ReminderRun.reminder_id == reminder.id, ReminderRun.day == day)) is not None:
        return None
    due = reminder.due_at(day)
    late = timing.is_late(due, now) and not reminder.catch_up
    return NextSend(due, passed=due <= now, skipped=due <= now and late)


def audience_label(reminder: KeyDateReminder) -> str:
    """The reminder's audience in the words of the audience select."""
    value = form_value(reminder.audience, reminder.scope_id)
    return dict(audience_choices(reminder.campaign)).get(value, str(reminder.audience))
