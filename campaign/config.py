"""Safe defaults. Secrets and deployment settings come from instance/config.py or CAMPAIGN_* env."""

#: Languages the interface is translated into; the first is the fallback.
LANGUAGES = ("en", "ru", "pl")

BASE_URL = "http://127.0.0.1:5000"
SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
SQLALCHEMY_TRACK_MODIFICATIONS = False

BABEL_DEFAULT_LOCALE = "en"
BABEL_DEFAULT_TIMEZONE = "UTC"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
# Set CAMPAIGN_SESSION_COOKIE_SECURE=true behind HTTPS.
SESSION_COOKIE_SECURE = False
PERMANENT_SESSION_LIFETIME = 60 * 60 * 12

WTF_CSRF_TIME_LIMIT = 60 * 60 * 12

RATELIMIT_ENABLED = True
RATELIMIT_STORAGE_URI = "memory://"
#: While a shared store (Redis) does not answer, each process counts in memory instead of
#: failing every rate-limited request; Flask-Limiter returns to the store once it is back.
RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
RATELIMIT_HEADERS_ENABLED = True
#: Per-IP limits for writes; override per deployment.
RATELIMIT_LOGIN = "10 per minute;50 per hour"
RATELIMIT_PUBLIC_WRITE = "10 per minute;100 per hour"
#: One-click unsubscribes arrive from mail providers' servers, many from one address.
RATELIMIT_UNSUBSCRIBE = "120 per minute"
#: Test copies of an organiser message (each one mails the organiser in every language).
RATELIMIT_MESSAGE_TEST = "10 per minute;60 per hour"

MAIL_SERVER = None
MAIL_PORT = 25
MAIL_USE_TLS = False
MAIL_USE_SSL = False
MAIL_DEFAULT_SENDER = "campaign@localhost"
#: Domain used in Message-IDs (never resolved: getfqdn can stall per message).
MAIL_MESSAGE_ID_DOMAIN = None
#: Seconds for connecting to MAIL_SERVER and for each SMTP command.
MAIL_TIMEOUT = 10
#: The mail worker (`flask campaign worker`): seconds between polls, rows per batch (one SMTP
#: connection each), and how long a claim lasts before another worker may take the rows over.
MAIL_WORKER_INTERVAL = 3
MAIL_BATCH_SIZE = 500
MAIL_LEASE_SECONDS = 300
#: Rows whose results are committed together (a journal file keeps them across a kill in the
#: meantime; see campaign/mailing/recording.py), and where that journal lives (default: the
#: instance folder's mail-journal/; it must be on this machine, not shared).
MAIL_RECORD_EVERY = 200
MAIL_JOURNAL_DIR = None
#: Seconds between the worker's scheduling rounds (reminders, fan-out of bulk messages…).
SCHEDULING_INTERVAL = 30
#: Hours a reminder may be late and still go out (the worker was down, then restarted). Older
#: ones are not sent; the mail log lists them as cancelled with the reason. Same-day key-date
#: reminders marked "catch up" still go out later that day.
REMINDER_GRACE_HOURS = 6
#: Retries after SMTP 4xx or connection errors: base * 2**(attempt-1) seconds, at most the cap;
#: after MAIL_MAX_ATTEMPTS tries the message is marked failed.
MAIL_RETRY_BASE_SECONDS = 60
MAIL_RETRY_CAP_SECONDS = 3600
MAIL_MAX_ATTEMPTS = 10

MAX_CONTENT_LENGTH = 1024 * 1024

#: Seconds each app process keeps the public campaign, petition and event pages (per
#: address and language; the CSRF token stays per visitor; see campaign/core/pagecache.py).
#: 0 turns the cache off.
PAGE_CACHE_SECONDS = 5

#: How many reverse proxies in front of the app set X-Forwarded-For / -Proto / -Host
#: (Werkzeug's ProxyFix). 0 = the app faces clients directly.
PROXY_FIX_X_FOR = 0
PROXY_FIX_X_PROTO = 0
PROXY_FIX_X_HOST = 0
