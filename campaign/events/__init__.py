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
- The same e-mail again (the address is normalised and lower-cased) updates the existing RSVP;
  a waitlisted RSVP keeps its place. The page after the form is the same whether or not the
  address was known, and never shows the position (that would tell a stranger whether someone
  registered); the e-mail and the manage page show it.
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
- Reminder offsets are ISO 8601 durations, comma-separated, before the start ("P1D,PT2H"
  = one day and two hours before). The reminders domain reads ``Event.reminder_deltas``.
"""


def init_app(app):
    """Event pages and RSVPs, organiser pages, the campaign page's events, their mail, the demo's
    protest, and answers to other domains: the next event, the feed's events."""
    from campaign.calendar import signals as calendar_signals
    from campaign.campaigns import figures, sections, signals as campaign_signals
    from campaign.core import demo as demo_steps
    from campaign.events import admin, attendees, dashboard, demo, door, ical, mail, models, views  # noqa: F401
    from campaign.mailing import kinds
    from campaign.extensions import db
    from campaign.organisers import access, navigation

    for blueprint in (views.bp, admin.bp, attendees.bp, door.bp):
        app.register_blueprint(blueprint)
    access.register_resolver(app, "event_id", access.by_query(
        db.select(models.Event.campaign_id), models.Event.id))
    access.register_resolver(app, "rsvp_id", access.by_query(
        db.select(models.Event.campaign_id).join(models.Rsvp, models.Rsvp.event_id == models.Event.id),
        models.Rsvp.id))
    sections.register(app, "events", 20, "events/_campaign_events.html", views.campaign_section)
    navigation.register(app, "events", 10, admin.dashboard_links)
    figures.register(app, "events", 20, dashboard.figures, dashboard.gaps)
    kinds.register(app, *mail.KINDS)
    demo_steps.register(app, "events", 10, demo.add_protest, data="event.toml")
    campaign_signals.next_event.connect(views.next_event)
    calendar_signals.feed_components.connect(ical.feed_components)
