"""Signals the mailing domain sends; other domains connect to them from their ``init_app``.

Each is sent inside the write's transaction (a receiver's own writes commit or roll back
with it).
"""
from blinker import Namespace

_signals = Namespace()

unsubscribed = _signals.signal("address-unsubscribed", doc="""
Sender: the keyed hash of an address just put on the suppression list
(:func:`campaign.mailing.links.address_key`; the link carries no address, so neither does
the signal). Sent only when the address was not on the list yet. Webhooks report it.
""")

bounced = _signals.signal("message-bounced", doc="""
Sender: the :class:`~campaign.mailing.models.OutboxMessage` a delivery status notification
just reported as permanently undeliverable (``bounced_at`` and ``bounce`` are set). Sent once
per row. Letters mark that target's delivery bounced.
""")
