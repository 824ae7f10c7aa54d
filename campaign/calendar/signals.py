"""Signals the calendar sends to collect what other domains put in a campaign's feed."""
from blinker import Namespace

_signals = Namespace()

feed_components = _signals.signal("calendar-feed-components", doc="""
Sent with the campaign as sender and ``lang``, ``since`` and ``base_url`` as keyword
arguments while its feed is built. A receiver returns ``(components, zones)``: the VEVENTs it
adds (icalendar components, or VEVENTs already written as text by
:mod:`campaign.calendar.lines`, which is much cheaper for many) and ``{zone name: year}`` for
each time zone they use. The feed's bytes must depend on
the data alone (no build time, no alarms: see campaign.calendar.feeds), in a stable order.
""")
