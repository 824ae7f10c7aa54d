"""How long personal data is kept: every retention setting in one place, with its default.

Override any of them in ``instance/config.py`` or as ``CAMPAIGN_<NAME>`` in the environment
(``CAMPAIGN_RETAIN_MAIL_DAYS=14``). The mail worker's scheduling steps, registered by each
domain's ``init_app``, apply them; the README's "Privacy" section lists them for people.
Counts, per-country and per-day figures are never erased: only what points to a person.
"""
from datetime import timedelta

from flask import current_app

from campaign import config

DEFAULTS = {
    #: Sent, failed, suppressed or cancelled messages lose their address, body and links
    #: this many days after they were written.
    "RETAIN_MAIL_DAYS": 30,
    #: RSVPs lose name and address this many days after their event ended.
    "RETAIN_RSVP_DAYS": 90,
    #: Signatures lose name, address and comment this many days after their petition closed.
    "RETAIN_SIGNATURE_DAYS": 183,
    #: Letters to representatives lose name, address and words this many days after their
    #: action closed (once every letter has gone out).
    "RETAIN_LETTER_DAYS": 90,
    #: The keyed hash of a signer's IP address (for abuse checks) is kept this many days.
    "RETAIN_IP_HASH_DAYS": 30,
    #: An RSVP's confirmation link works this many hours; an unconfirmed RSVP, and the mail
    #: that carried its link, are deleted once it has expired. (Signatures:
    #: ``PETITION_VERIFY_MAX_AGE`` in campaign/petitions/config.py, 7 days.)
    "RSVP_CONFIRM_HOURS": 48,
    #: An unsubscribe link works this many days after it was sent.
    "UNSUBSCRIBE_LINK_DAYS": 365,
}


def init_app(app) -> None:
    """The retention settings, unless instance/config.py or the environment set them."""
    config.add_defaults(app, DEFAULTS)


def period(name: str) -> timedelta:
    """A retention setting as a duration (``*_DAYS`` in days, ``*_HOURS`` in hours)."""
    value = float(current_app.config.get(name, DEFAULTS[name]))
    return timedelta(hours=value) if name.endswith("_HOURS") else timedelta(days=value)
