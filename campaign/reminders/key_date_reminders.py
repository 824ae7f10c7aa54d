"""Key-date reminders: each (reminder, occurrence, person) enqueued once, every year for yearly
dates.

The scheduling step finds reminders whose time has come (within :data:`timing.LOOKBACK`) and
has no :class:`ReminderRun` yet, streams the audience into outbox rows keyed
``key_date_reminder:<reminder>:<day>:<person ref>`` and records the run in the same
transaction, so later rounds skip it at the cost of one small query. Two workers racing on one
occurrence both stream, but the keys let only one row per person in.
"""
import datetime as dt

import sqlalchemy as sa
from flask_babel import force_locale, lazy_gettext as _l

from campaign.campaigns.models import Campaign, CampaignStatus, KeyDate
from campaign.core import markdown
from campaign.core.database import insert_ignoring_conflicts
from campaign.core.i18n import current_language, format_day, ordinal
from campaign.extensions import db
from campaign.mailing import kinds, outbox
from campaign.messages import audiences
from campaign.reminders import timing
from campaign.reminders.models import KeyDateReminder, ReminderRun

KIND = "key_date_reminder"
#: Placeholders organisers may write in a subject or body.
PLACEHOLDERS = ("{date}", "{anniversary}", "{ordinal}")
#: Outbox rows written per statement.
BATCH = 100


def enqueue_key_date_reminders(now: dt.datetime) -> int:
    """Enqueue every key-date reminder due by *now*; log the ones found too late as skipped."""
    written = 0
    reminders = db.session.scalars(
        sa.select(KeyDateReminder).join(KeyDate).join(Campaign)
        .where(Campaign.status == CampaignStatus.ACTIVE).order_by(KeyDateReminder.id)).all()
    for reminder in reminders:
        for day, due in occurrences_due(reminder, now):
            if not _has_run(reminder, day):
                written += _fan_out(reminder, day, due, now)
    return written


def occurrences_due(reminder: KeyDateReminder, now: dt.datetime):
    """(day the key date falls on, when its reminder is due) for each due within the lookback."""
    key_date, zone = reminder.key_date, reminder.campaign.zone
    earliest = (now - timing.LOOKBACK).astimezone(zone).date()
    day = key_date.occurrence(earliest + dt.timedelta(days=reminder.days_before - 1))
    while day is not None:
        due = reminder.due_at(day)
        if due > now:
            return
        if timing.in_lookback(due, now):
            yield day, due
        day = key_date.occurrence(day + dt.timedelta(days=1))


def _has_run(reminder: KeyDateReminder, day: dt.date) -> bool:
    return db.session.scalar(sa.select(ReminderRun.id).where(
        ReminderRun.reminder_id == reminder.id, ReminderRun.day == day)) is not None


def catches_up(reminder: KeyDateReminder, day: dt.date, now: dt.datetime) -> bool:
    """A same-day reminder marked "catch up" still goes out until the day is over."""
    return (reminder.catch_up and reminder.days_before == 0
            and now.astimezone(reminder.campaign.zone).date() == day)


def _fan_out(reminder: KeyDateReminder, day: dt.date, due: dt.datetime,
             now: dt.datetime) -> int:
    """One row per person in the audience (streamed), then the run that says it is done."""
    late = timing.is_late(due, now) and not catches_up(reminder, day, now)
    if late and due < reminder.updated_at:
        return 0  # written (or re-timed) after its time: nobody missed it, nothing to log
    skipped = timing.skip_reason(due) if late else None
    campaign = reminder.campaign
    written = 0
    for batch in _batches(audiences.recipients(reminder.audience, reminder.scope)):
        written += outbox.enqueue_many([outbox.row(
            KIND, to=person.email, key=f"{KIND}:{reminder.id}:{day.isoformat()}:{person.ref}",
            lang=person.lang if reminder.has_text(person.lang, "subject") else
            campaign.default_language,
            payload={"reminder_id": reminder.id, "day": day.isoformat(), "name": person.name},
            due_at=due, campaign_id=campaign.id, skipped=skipped) for person in batch])
    db.session.execute(insert_ignoring_conflicts(ReminderRun, ("reminder_id", "day")),
                       dict(reminder_id=reminder.id, day=day, due_at=due, skipped=late,
                            recipients=written, created_at=now))
    return written


def _batches(people, size: int = BATCH):
    """Lists of up to *size* from a stream, so a large audience is never held in memory."""
    batch = []
    for person in people:
        batch.append(person)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def fill_placeholders(text: str, reminder: KeyDateReminder, day: dt.date) -> str:
    """{date} → "16 December 2026", {anniversary} → "15", {ordinal} → "15th" (current language)."""
    years = reminder.key_date.years_since_first(day)
    values = {"{date}": format_day(day), "{anniversary}": str(years),
              "{ordinal}": ordinal(years)}
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def render_texts(reminder: KeyDateReminder, lang: str, day: dt.date) -> dict:
    """Subject, sanitised HTML and plain-text body in *lang* (or the campaign's default)."""
    with force_locale(lang):
        subject = fill_placeholders(reminder.text("subject", lang), reminder, day)
        body = fill_placeholders(reminder.text("body", lang), reminder, day)
        return {"subject": " ".join(subject.split()), "body_html": markdown.to_html(body),
                "body_text": markdown.to_text(body)}


def load_key_date_reminder(payload: dict) -> dict | None:
    """The reminder as written now, or None when it (or its key date) was deleted."""
    reminder = db.session.get(KeyDateReminder, payload.get("reminder_id") or 0)
    if reminder is None:
        return None
    lang, campaign = current_language(), reminder.campaign
    day = dt.date.fromisoformat(payload["day"])
    return {**render_texts(reminder, lang, day), "name": payload.get("name") or "",
            "campaign": campaign, "campaign_title": campaign.text("title", lang),
            "registered": reminder.audience.startswith("event_")}


MAIL_KIND = kinds.MailKind(KIND, subject="%(subject)s", load=load_key_date_reminder,
                           transactional=False,
                   label=_l("Key-date reminder"))
