"""Reads for the organiser pages: a key date's reminders, the audiences to choose from."""
import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _

from campaign.events.models import Event
from campaign.extensions import db
from campaign.messages.audiences import Audience
from campaign.petitions.models import Petition
from campaign.reminders.models import KeyDateReminder, ReminderRun


def get_reminder(reminder_id: int) -> KeyDateReminder:
    """:raise 404: when there is no such reminder."""
    if reminder_id > 2**31 - 1:
        abort(404)
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


def audience_value(audience: Audience, scope_id: int | None) -> str:
    """The form's value for an audience: "campaign_supporters", "event_attendees:7"…"""
    return audience.value if scope_id is None else f"{audience.value}:{scope_id}"


def parse_audience(value: str) -> tuple[Audience, int | None]:
    audience, _sep, scope = value.partition(":")
    return Audience(audience), int(scope) if scope else None


def audience_choices(campaign) -> list[tuple[str, str]]:
    """The audiences a campaign's reminder may reach, with labels an organiser understands."""
    choices = [(Audience.CAMPAIGN_SUPPORTERS.value,
                _("Supporters of this campaign who asked for updates"))]
    events = db.session.scalars(sa.select(Event).where(Event.campaign_id == campaign.id)
                                .order_by(Event.starts_at)).all()
    for event in events:
        choices.append((audience_value(Audience.EVENT_ATTENDEES, event.id),
                        _("Confirmed attendees of %(title)s", title=event.text("title"))))
    petitions = db.session.scalars(sa.select(Petition).where(Petition.campaign_id == campaign.id)
                                   .order_by(Petition.id)).all()
    for petition in petitions:
        choices.append((audience_value(Audience.PETITION_SIGNERS, petition.id),
                        _("Signers of %(title)s who asked for updates",
                          title=petition.text("title"))))
    return choices
