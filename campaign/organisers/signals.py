"""Signals the organisers domain sends; mailing connects to them from its ``init_app``.

Organisers sits below mailing in the layers, so it cannot enqueue mail: it says what happened,
inside the write's transaction, and mailing's receivers write the outbox rows that commit (or
roll back) with it.
"""
from blinker import Namespace

_signals = Namespace()

invited = _signals.signal("organiser-invited", doc="""
Sender: the new :class:`~campaign.organisers.models.Invitation`; ``token``: the link's secret
(only its hash is stored); ``lang``: the language the owner was using.
""")

password_reset_requested = _signals.signal("organiser-password-reset-requested", doc="""
Sender: the :class:`~campaign.organisers.models.PasswordReset`; ``email``: the account's
address asked about (an account's or not: the mail worker decides); ``token``: the link's secret;
``lang``: the language of the page it was asked on.
""")

ownership_ended = _signals.signal("organiser-ownership-ended", doc="""
Sender: the :class:`~campaign.organisers.models.Organiser` who is no longer an owner of the
campaign ``campaign_id`` (taken off the team, or given another role), in the write's
transaction: what they could do only as an owner (API tokens they made) ends with it.
""")
