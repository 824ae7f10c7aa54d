"""Signals the supporters domain sends; other domains connect to them from their ``init_app``.

Each is sent inside the write's transaction (a receiver's own writes commit or roll back
with it).
"""
from blinker import Namespace

_signals = Namespace()

everything_erased = _signals.signal("supporter-everything-erased", doc="""
Sender: the address whose owner asked to erase everything held about it (``Your data``).
Domains above supporters that keep copies of it (webhook deliveries) erase theirs.
""")

item_erased = _signals.signal("supporter-item-erased", doc="""
Sender: the address as one erased RSVP, signature or letter held it (sent just before it is
erased, for "Your data → erase this one" and for "erase everything"). Domains above that keep
copies of that address (webhook deliveries) erase theirs.
""")
