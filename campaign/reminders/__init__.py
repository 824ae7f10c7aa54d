"""Reminders: e-mails that go out at a moment computed from an event or a key date.

- **Event reminders** (:mod:`.event_reminders`): at each of an event's offsets (default 1 day
  and 2 hours before the start) every attendee who was confirmed by then gets a reminder in
  their language, with the .ics and the manage link. Waitlisted and cancelled people get none.
- **Key-date reminders** (:mod:`.key_date_reminders`): organisers write them per key date: how
  many days before, at what local time (campaign zone), to which audience, and a subject and
  Markdown body per language. Yearly key dates remind every year.

Both are scheduling steps of the mail worker (:mod:`campaign.mailing.scheduling`): each round
they enqueue what has become due. Outbox keys (reminder, occurrence, person) make every
reminder go to a person at most once, also with two workers at once or after a crash. A
reminder found more than ``REMINDER_GRACE_HOURS`` after its time is not sent late but written
to the mail log as cancelled, with the reason (see :mod:`.timing`).
"""


def init_app(app):
    """Reminder pages, their mail and scheduling steps, the demo's reminders, and moving queued
    event reminders when an event moves or is called off."""
    from campaign.campaigns import figures
    from campaign.core import demo as demo_steps
    from campaign.events import signals as event_signals
    from campaign.mailing import kinds, scheduling
    from campaign.campaigns.models import KeyDate
    from campaign.extensions import db
    from campaign.organisers import access
    from campaign.reminders import admin, dashboard, demo, event_reminders, key_date_reminders, models  # noqa: F401

    app.register_blueprint(admin.bp)
    access.register_resolver(app, "reminder_id", access.by_query(
        db.select(KeyDate.campaign_id).join(
            models.KeyDateReminder, models.KeyDateReminder.key_date_id == KeyDate.id),
        models.KeyDateReminder.id))
    figures.register(app, "reminders", 50, dashboard.figures)
    kinds.register(app, event_reminders.MAIL_KIND, key_date_reminders.MAIL_KIND)
    scheduling.register(app, "event reminders", event_reminders.enqueue_event_reminders)
    scheduling.register(app, "key-date reminders", key_date_reminders.enqueue_key_date_reminders)
    demo_steps.register(app, "reminders", 20, demo.add_reminders, data="reminders.toml")
    event_signals.times_changed.connect(event_reminders.follow_event)
    event_signals.status_changed.connect(event_reminders.follow_event)
