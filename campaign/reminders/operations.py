"""Writes for key-date reminders. Each flushes; the caller commits once."""
import datetime as dt

from campaign.extensions import db
from campaign.messages.audiences import Audience
from campaign.reminders.models import KeyDateReminder

FIELDS = ("days_before", "time_of_day", "catch_up")


def create_reminder(key_date, *, texts: dict, audience, scope_id=None, **fields) -> KeyDateReminder:
    """Add a reminder to *key_date*."""
    reminder = KeyDateReminder(key_date=key_date)
    db.session.add(reminder)
    return update_reminder(reminder, texts=texts, audience=audience, scope_id=scope_id, **fields)


def update_reminder(reminder: KeyDateReminder, *, texts: dict, audience, scope_id=None,
                    **fields) -> KeyDateReminder:
    """Change when a reminder goes, to whom, and its texts ({lang: {subject, body}})."""
    for name in FIELDS:
        if name in fields:
            setattr(reminder, name, fields[name])
    if isinstance(reminder.time_of_day, str):
        reminder.time_of_day = dt.time.fromisoformat(reminder.time_of_day)
    reminder.audience = Audience(audience)
    reminder.scope_id = None if reminder.audience == Audience.CAMPAIGN_SUPPORTERS else scope_id
    reminder.catch_up = bool(reminder.catch_up and reminder.days_before == 0)
    for lang, values in texts.items():
        reminder.set_text(lang, subject=values.get("subject"), body=values.get("body"))
    db.session.flush()
    return reminder


def delete_reminder(reminder: KeyDateReminder) -> None:
    """Remove a reminder; messages already queued for it are cancelled when their turn comes."""
    db.session.delete(reminder)
    db.session.flush()
