"""Signals the events domain sends; other domains connect to them from their ``init_app``.

Each is sent with the :class:`~campaign.events.models.Event` as sender, inside the write's
transaction (a receiver's own writes commit or roll back with it).
"""
from blinker import Namespace

_signals = Namespace()

times_changed = _signals.signal("event-times-changed", doc="""
The event's start or end moved. Reminders queued for it move with it.
""")

status_changed = _signals.signal("event-status-changed", doc="""
The event was postponed, resumed or cancelled. Reminders queued for it follow the new status.
""")

rsvp_confirmed = _signals.signal("rsvp-confirmed", doc="""
Sender: the :class:`~campaign.events.models.Rsvp` that just got a seat (a new RSVP, a rejoin,
or a promotion from the waiting list), flushed. Webhooks report it.
""")

rsvp_cancelled = _signals.signal("rsvp-cancelled", doc="""
Sender: the :class:`~campaign.events.models.Rsvp` just cancelled (by its owner or an
organiser), flushed. Webhooks report it.
""")
