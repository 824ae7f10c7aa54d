"""Petition settings with safe defaults; override any of them in instance/config.py or as
``CAMPAIGN_<NAME>`` in the environment (e.g. ``CAMPAIGN_PETITION_RATELIMIT_SIGN_BURST``)."""
from flask import current_app

DEFAULTS = {
    #: Seconds a verification link stays valid (7 days).
    "PETITION_VERIFY_MAX_AGE": 7 * 24 * 3600,
    #: Per-IP limits on signing: a burst and a sustained rate. Generous, because a whole
    #: protest or conference may sign from one Wi-Fi network.
    "PETITION_RATELIMIT_SIGN_BURST": "20 per minute",
    "PETITION_RATELIMIT_SIGN_SUSTAINED": "300 per hour",
    #: Per e-mail domain (a bot with its own domain), large providers exempt.
    "PETITION_RATELIMIT_SIGN_DOMAIN": "30 per minute;300 per hour",
    #: Providers so large that a per-domain limit would block real people in a peak.
    "PETITION_LARGE_PROVIDERS": (
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "yahoo.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
        "web.de", "t-online.de", "orange.fr", "free.fr", "libero.it", "mail.ru", "yandex.ru",
        "ya.ru", "bk.ru", "list.ru", "inbox.ru", "rambler.ru", "wp.pl", "o2.pl", "onet.pl",
        "interia.pl", "gazeta.pl", "op.pl", "tlen.pl"),
    #: A signer who signs again gets at most this many more mails, this many seconds apart.
    "PETITION_RESEND_MAX": 5,
    "PETITION_RESEND_INTERVAL": 10 * 60,
    #: Each app process keeps a petition's count this many seconds (0: always read the shards).
    "PETITION_COUNT_CACHE_SECONDS": 15,
}


def setting(name: str):
    """The configured value of *name*, else its default."""
    return current_app.config.get(name, DEFAULTS[name])
