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
