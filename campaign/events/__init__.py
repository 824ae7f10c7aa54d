"""Events and RSVPs: event pages, the RSVP form, the waiting list, organisers' attendee lists.

Seats and the waiting list
--------------------------
An RSVP needs ``1 + guests`` seats. An event without a capacity takes everyone. When the seats
fit, the RSVP is confirmed at once; otherwise it joins the waiting list, whose order is the
moment each person joined it (``Rsvp.waitlisted_at``, then the id).

Promotion rule — *strict FIFO, first who fits*: whenever seats free up (a cancellation, fewer
guests, a removal, a larger capacity), the waiting list is walked in order and every RSVP whose
seats fit into what is free is confirmed, in that order. A group too large for the free seats
keeps its place at the head of the list but does not block smaller RSVPs behind it; it is
promoted as soon as enough seats are free. Each promoted person gets an e-mail.

Other rules
-----------
- A public RSVP counts only once its address is confirmed: the form records a request and
  mails a link; the page it opens has one button, and only that POST makes the RSVP
  (``confirmations.py`` says what an unconfirmed RSVP holds: nothing on the event). The same
  address again changes nothing: it is mailed its manage link instead. The form does the same
  work and shows the same pages for every address; only the manage link changes, cancels or
  revives an RSVP. Organisers adding someone by hand skip the confirmation.
- A confirmed person asking for more guests than there are free seats keeps the current
  booking (the manage page says so); lowering the capacity never un-confirms anyone.
- Deciding confirmed vs waitlisted happens under a lock on the event row (``SELECT … FOR
  UPDATE`` on PostgreSQL, a write to the row on SQLite, which serialises writers), so two
  requests racing for the last seat can never over-fill the event.
- RSVP closes at the deadline, when the event is cancelled, and once it has started; a
  postponed event keeps taking RSVPs (its people are told the new date). The manage link works
  until the event ends: guests can change while RSVP is open, cancelling until the start.
- An organiser's "remove" deletes the RSVP (no e-mail; for spam or a request to be forgotten);
  a person's own cancellation keeps the row as cancelled and confirms it by e-mail.
- Each RSVP has a random check-in code (``tickets.py``) whose QR code is the ticket in the
  confirmation mail and on the manage page; the door scans it (``door.py``, ``scans.py``):
  only a confirmed person of this event is checked in, once, at the earliest scan.
- Reminder offsets are ISO 8601 durations, comma-separated, before the start ("P1D,PT2H"
  = one day and two hours before). The reminders domain reads ``Event.reminder_deltas``.
"""


def init_app(app):
    """Event pages and RSVPs, organiser pages, the campaign page's events, their mail, the demo's
    protest, and answers to other domains: the next event, the feed's events."""
    from campaign.calendar import signals as calendar_signals
    from campaign.campaigns import figures, sections, signals as campaign_signals
    from campaign.core import demo as demo_steps
    from datetime import timedelta

    from campaign.events import (admin, attendees, confirmations, dashboard, demo, door,  # noqa: F401
                                 ical, mail, models, queries, retention, views)
    from campaign.extensions import db
    from campaign.mailing import kinds, scheduling
    from campaign.organisers import access, door_events, navigation

    for blueprint in (views.bp, admin.bp, attendees.bp, door.bp):
        app.register_blueprint(blueprint)
    access.register_resolver(app, "event_id", access.by_query(
        db.select(models.Event.campaign_id), models.Event.id))
    access.register_resolver(app, "rsvp_id", access.by_query(
        db.select(models.Event.campaign_id).join(models.Rsvp, models.Rsvp.event_id == models.Event.id),
        models.Rsvp.id))
    door_events.register_choices(app, queries.door_event_choices)
    sections.register(app, "events", 20, "events/_campaign_events.html", views.campaign_section,
                      action="events/_campaign_action.html")
    navigation.register(app, "events", 10, admin.dashboard_links)
    figures.register(app, "events", 20, dashboard.figures, dashboard.gaps)
    kinds.register(app, *mail.KINDS)
    scheduling.register(app, "expired RSVP requests", confirmations.purge_expired,
                        every=timedelta(minutes=10))
    scheduling.register(app, "RSVPs of past events", retention.erase_past_rsvps,
                        every=timedelta(hours=1))
    demo_steps.register(app, "events", 10, demo.add_protest, data="event.toml")
    campaign_signals.next_event.connect(views.next_event)
    calendar_signals.feed_components.connect(ical.feed_components)
