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
