"""Letter settings with safe defaults; override any of them in instance/config.py or as
``CAMPAIGN_<NAME>`` in the environment (e.g. ``CAMPAIGN_LETTER_TARGET_PER_HOUR=10``)."""
from flask import current_app

DEFAULTS = {
    #: Seconds a confirmation link stays valid (7 days).
    "LETTER_CONFIRM_MAX_AGE": 7 * 24 * 3600,
    #: Per-IP limits on writing (and on "send it yourself" clicks): burst and sustained.
    "LETTER_RATELIMIT_WRITE": "20 per minute;300 per hour",
    #: A supporter who writes again gets at most this many more mails, this many seconds apart.
    "LETTER_RESEND_MAX": 5,
    "LETTER_RESEND_INTERVAL": 10 * 60,
    #: Letters one target receives at most per hour and per day (a parliament's inbox is
    #: filtered when thousands arrive in a minute); the rest wait for the next rounds.
    "LETTER_TARGET_PER_HOUR": 20,
    "LETTER_TARGET_PER_DAY": 100,
    #: Country pre-selected for a page language (never guessed from the visitor's address);
    #: a language without one (English, Russian) starts with no country chosen.
    "LETTER_DEFAULT_COUNTRIES": {"pl": "PL"},
}


def setting(name: str):
    """The configured value of *name*, else its default."""
    return current_app.config.get(name, DEFAULTS[name])
