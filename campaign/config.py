"""Configuration: safe defaults, then the layers that override them (:func:`load`).

Secrets and deployment settings come from instance/config.py or ``CAMPAIGN_*`` variables;
each domain adds its own defaults from its ``init_app`` (:func:`add_defaults`).
"""
import os
import secrets
from pathlib import Path

#: Languages the interface is offered in; the first is the fallback. Adding one takes its
#: code here and its catalog in campaign/translations/ (`make messages`), nothing else.
LANGUAGES = ("en", "ru", "pl")
#: The locale whose formats a language's pages use where it is not the language itself
#: ("8 December 2017" and a 24-hour clock for English).
FORMAT_LOCALES = {"en": "en_GB"}

#: The public address every mailed, calendar and share link is built on. Unset, it is this
#: machine on PORT (what `make run` / scripts/serve.sh serve on, 5000 by default).
BASE_URL = None
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
#: SMTP connections a batch is sent over at once (each waits for the server's replies while
#: the others send; see campaign/mailing/delivery.py). 1 sends in the rows' order.
MAIL_CONNECTIONS = 2
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


# Loading — defaults → instance/config.py → DATABASE_URL → CAMPAIGN_* env → test_config.

_PROJECT_ROOT = Path(__file__).resolve().parent.parent


def load(app, test_config=None):
    """Fill ``app.config`` layer by layer; each layer overrides the one before."""
    app.config.from_object("campaign.config")
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
        app.instance_path, "campaign.sqlite")
    app.config["MIGRATIONS_DIRECTORY"] = str(_PROJECT_ROOT / "migrations")
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config.from_prefixed_env("CAMPAIGN")
    if test_config:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"])
    base_url = app.config["BASE_URL"] or f"http://127.0.0.1:{os.environ.get('PORT') or 5000}"
    app.config["BASE_URL"] = base_url.rstrip("/")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)


def apply_proxy_fix(app):
    """Trust PROXY_FIX_X_FOR (etc.) proxies in front of the app for the client's address.

    Without it, behind a reverse proxy every visitor would share the proxy's address: one
    rate limit for everyone, one IP hash for every signature.
    """
    hops = {name: int(app.config.get(f"PROXY_FIX_{name.upper()}", 0))
            for name in ("x_for", "x_proto", "x_host")}
    if any(hops.values()):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, **hops)


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs (Heroku style ``postgres://``) at psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def instance_secret_key(instance_path: str) -> str:
    """Read the key generated on first start, creating it if this is the first start."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:  # O_EXCL: two processes starting at once agree on one key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def add_defaults(app, defaults: dict) -> None:
    """A domain's settings with safe defaults, unless a layer above already set them."""
    for name, value in defaults.items():
        app.config.setdefault(name, value)
