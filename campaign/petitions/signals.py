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

signature_erased = _signals.signal("signature-erased", doc="""
Sender: the address a :class:`~campaign.petitions.models.Signature` held, sent just before
that signature is erased at someone's request (its owner's, or an organiser's for them).
Domains that keep copies of the address (webhook deliveries) erase theirs.
""")
