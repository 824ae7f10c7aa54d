"""Signals the letters domain sends; other domains connect to them from their ``init_app``.

Each is sent inside the write's transaction (a receiver's own writes commit or roll back
with it).
"""
from blinker import Namespace

_signals = Namespace()

letter_sent = _signals.signal("letter-sent", doc="""
Sender: the :class:`~campaign.letters.models.Letter` its writer just confirmed: from now on
the app delivers it to each of its targets (under the targets' caps). Webhooks report it.
""")
