"""Signals the petitions domain sends; other domains connect to them from their ``init_app``.

Each is sent inside the write's transaction (a receiver's own writes commit or roll back
with it).
"""
from blinker import Namespace

_signals = Namespace()

signature_verified = _signals.signal("signature-verified", doc="""
Sender: the :class:`~campaign.petitions.models.Signature` whose owner just confirmed it (it
now counts). Webhooks report it.
""")
