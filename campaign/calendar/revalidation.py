"""Answer a feed's conditional GET (304) in front of Flask: calendar clients poll far more
often than anything changes.

Profiled under gunicorn (pyinstrument), a 304 through Flask spent ~45 % of its time in the ORM
session's version read and its teardown, and most of the rest in request set-up, hooks and
headers that a 304 to a calendar client does not need. Here a WSGI layer right in front of
Flask reads the same row (campaigns.queries.PUBLIC_VERSION) on a connection of its own in
autocommit mode — so every poll sees the last committed write, from any server: never a stale
304 — and answers with the same headers the view would send (feeds.response_headers and the
security headers). Anything else (no validator, a changed feed, an unknown campaign, a database
error) goes on to Flask unchanged, which answers as before.

On PostgreSQL even that read is mostly saved: the versions read are kept in memory and a
trigger on ``campaign`` (migration 0019) announces every change of a campaign row on a
LISTEN/NOTIFY channel, which a thread of each app process listens to (:class:`NotifiedVersions`).
A version is kept only while that thread is connected and listening; whatever it misses (a
lost connection) empties the memory and polls read the row again until it listens again. A
write is known to every process once its notification arrives — a millisecond or so after the
commit — and to the process that made it at once (its own commits empty the memory).
"""
import logging
import re
import select
import threading
import time
import weakref

import sqlalchemy as sa

from werkzeug.datastructures import ETags
from werkzeug.http import parse_date, parse_etags

from campaign.calendar import feeds
from campaign.campaigns.models import Campaign, CampaignStatus
from campaign.campaigns.queries import CampaignVersion
from campaign.core import routing, security
from campaign.core.database import UTCDateTime

FEED_PATH = re.compile(r"/(?P<lang>[^/]+)/campaigns/(?P<slug>[^/]+)/calendar\.ics\Z")


def install(app):
    """Put the answerer right in front of Flask (inside ProxyFix: HSTS needs the real scheme)."""
    routing.install_in_front(app, lambda inner: FeedRevalidation(inner, app))
    if not sa.event.contains(sa.orm.Session, "after_flush", _note_campaign_change):
        sa.event.listen(sa.orm.Session, "after_flush", _note_campaign_change)
        sa.event.listen(sa.orm.Session, "after_commit", _forget_after_campaign_change)


def _note_campaign_change(session, flush_context) -> None:
    if any(isinstance(row, Campaign)
           for rows in (session.new, session.dirty, session.deleted) for row in rows):
        session.info["campaign_changed"] = True


def _forget_after_campaign_change(session) -> None:
    if session.info.pop("campaign_changed", False):
        forget_everywhere()


class FeedRevalidation:
    def __init__(self, wsgi_app, flask_app):
        self.wsgi_app = wsgi_app
        self.flask_app = flask_app
        self.languages = frozenset(flask_app.config["LANGUAGES"])
        self.reader = None

    def __call__(self, environ, start_response):
        if (environ.get("REQUEST_METHOD") in ("GET", "HEAD")
                and (environ.get("HTTP_IF_NONE_MATCH") or environ.get("HTTP_IF_MODIFIED_SINCE"))
                and not environ.get("QUERY_STRING")):
            match = FEED_PATH.match(environ.get("PATH_INFO", ""))
            if match and match["lang"] in self.languages:
                headers = self.not_modified(environ, match["lang"], match["slug"])
                if headers is not None:
                    start_response("304 NOT MODIFIED", headers)
                    return []
        return self.wsgi_app(environ, start_response)

    def not_modified(self, environ, lang: str, slug: str) -> list | None:
        """The 304's headers when the client's copy is current; None to let Flask answer."""
        version = self.read_version(slug)
        if version is None:
            return None
        tag, modified, date = feeds.validators(version, lang)
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        etags = parse_etags(if_none_match) if if_none_match else ETags()
        if not feeds.is_fresh(tag, modified, etags, parse_date(
                environ.get("HTTP_IF_MODIFIED_SINCE"))):
            return None
        headers = {**security.HEADERS, **feeds.response_headers(tag, date)}
        if environ.get("wsgi.url_scheme") == "https":
            headers.update(security.SECURE_HEADERS)
        return list(headers.items())

    def read_version(self, slug: str) -> CampaignVersion | None:
        if self.reader is None:
            reader = VersionReader(self.flask_app)
            if reader.dialect.name == "postgresql" and \
                    self.flask_app.config.get("FEED_VERSIONS_NOTIFIED", True):
                reader = NotifiedVersions(reader)
            self.reader = reader
        return self.reader.read(slug)


class VersionReader:
    """campaigns.queries.PUBLIC_VERSION as one plain SQL statement on a driver connection of
    each thread's own, in autocommit: every read sees the latest commit, and no transaction
    (nor SQLite read snapshot) stays open between polls. Through SQLAlchemy's Connection the
    same read cost three times as much (pool check-out and in, statement set-up), a third of
    a bare Flask answer. A failed read drops the connection and returns None (Flask answers).
    """

    def __init__(self, flask_app):
        from campaign.extensions import db

        with flask_app.app_context():
            self.url, self.dialect = db.engine.url, db.engine.dialect
        table = Campaign.__table__
        place = (lambda name: f":{name}") if self.dialect.name == "sqlite" else \
            (lambda name: f"%({name})s")
        self.sql = (f"SELECT id, slug, revision, created_at, updated_at FROM {table.name} "
                    f"WHERE slug = {place('slug')} AND status <> {place('draft')}")
        self.stamps = UTCDateTime()
        self.local = threading.local()

    def read(self, slug: str) -> CampaignVersion | None:
        try:
            cursor = self.connection().cursor()
            cursor.execute(self.sql, {"slug": slug, "draft": CampaignStatus.DRAFT.value})
            row = cursor.fetchone()
            cursor.close()
        except self.dialect.loaded_dbapi.Error:
            self.forget()
            return None
        if row is None:
            return None
        convert = self.stamps.process_result_value
        return CampaignVersion(row[0], row[1], row[2], convert(row[3], self.dialect),
                               convert(row[4], self.dialect))

    def connection(self):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = self.connect()
            weakref.finalize(self, connection.close)  # closed, not dropped, with the app
        return connection

    def connect(self):
        """A new driver connection in autocommit mode."""
        cargs, cparams = self.dialect.create_connect_args(self.url)
        connection = self.dialect.connect(*cargs, **cparams)
        self.dialect.set_isolation_level(connection, "AUTOCOMMIT")
        return connection

    def forget(self):
        connection, self.local.connection = getattr(self.local, "connection", None), None
        try:
            if connection is not None:
                connection.close()
        except self.dialect.loaded_dbapi.Error:
            pass


log = logging.getLogger(__name__)

#: The channel the trigger of migration 0019 notifies with a campaign's slug.
CHANNEL = "campaign_version"
#: Every process's :class:`NotifiedVersions`, emptied when the process commits a campaign change.
_KEPT: "weakref.WeakSet[NotifiedVersions]" = weakref.WeakSet()


class NotifiedVersions:
    """PostgreSQL: the versions :class:`VersionReader` read, kept until the database says that
    campaign changed.

    A listener thread holds its own autocommit connection with ``LISTEN campaign_version``.
    Memory is used only while it listens; a read that raced a notification is not kept (each
    notification moves :attr:`generation`). Unknown slugs are never kept.
    """

    #: Seconds a quiet connection waits before it checks it still answers.
    QUIET = 10.0
    RETRY = 1.0

    def __init__(self, reader: VersionReader):
        self.reader = reader
        self.versions: dict[str, CampaignVersion] = {}
        self.generation = 0
        self.lock = threading.Lock()
        self.listening = threading.Event()
        self.stopped = threading.Event()
        self.barriers: dict[str, threading.Event] = {}
        #: The listening connection's socket (its file number), while it listens.
        self.socket = None
        _KEPT.add(self)
        # The thread holds only a weak reference: it ends (and closes its connection) within
        # QUIET seconds of the app going away.
        self.thread = threading.Thread(target=_listen, args=(weakref.ref(self),),
                                       name="campaign-version-listener", daemon=True)
        self.thread.start()
        weakref.finalize(self, self.stopped.set)

    def read(self, slug: str) -> CampaignVersion | None:
        if self.listening.is_set() and not self._news_waiting():
            with self.lock:
                kept = self.versions.get(slug)
                generation = self.generation
            if kept is not None:
                return kept
        else:
            generation = None
        version = self.reader.read(slug)
        if version is not None and generation is not None:
            with self.lock:
                if self.generation == generation and self.listening.is_set():
                    self.versions[slug] = version
        return version

    def _news_waiting(self) -> bool:
        """Whether a notification has reached this process but not yet its listener thread
        (which may be waiting for the interpreter lock while this request runs): then nothing
        kept is trusted for this poll. One non-blocking select, about a microsecond."""
        try:
            return bool(select.select([self.socket], [], [], 0)[0])
        except (OSError, ValueError, TypeError):
            return True

    def forget(self, slug: str | None = None) -> None:
        """Drop one slug's version (all of them without a slug)."""
        with self.lock:
            self.generation += 1
            if slug is None:
                self.versions.clear()
            else:
                self.versions.pop(slug, None)

    def barrier(self, timeout: float = 5.0) -> bool:
        """Wait until every notification committed before this call has been heard (tests,
        drills: notifications arrive in commit order, so hearing our own means hearing all)."""
        import uuid

        token = "!" + uuid.uuid4().hex
        heard = self.barriers[token] = threading.Event()
        try:
            connection = self.reader.connection()
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify(%(channel)s, %(token)s)",
                               {"channel": CHANNEL, "token": token})
            return heard.wait(timeout)
        finally:
            self.barriers.pop(token, None)

    def stop(self) -> None:
        self.stopped.set()

    def _deaf(self) -> None:
        self.listening.clear()
        self.socket = None
        self.forget()

    def _heard(self, payload: str) -> None:
        barrier = self.barriers.get(payload)
        if barrier is not None:
            barrier.set()
        else:
            self.forget(payload or None)


def _listen(ref: "weakref.ref[NotifiedVersions]") -> None:
    """The listener thread: LISTEN on a connection of its own and empty the memory of what
    is announced; after a failure, stop trusting memory and connect again."""
    connection = None
    while True:
        kept = ref()
        if kept is None or kept.stopped.is_set():
            break
        try:
            if connection is None:
                connection = kept.reader.connect()
                with connection.cursor() as cursor:
                    cursor.execute(f"LISTEN {CHANNEL}")
                kept.forget()
                kept.socket = connection.fileno()
                kept.listening.set()
            quiet = kept.QUIET
            del kept
            heard = False
            for notice in connection.notifies(timeout=quiet):
                heard = True
                kept = ref()
                if kept is None:
                    break
                kept._heard(notice.payload)
                del kept
            if not heard:
                with connection.cursor() as cursor:  # raises on a dead connection
                    cursor.execute("SELECT 1")
        except Exception as error:  # noqa: BLE001 — any failure: stop trusting memory
            kept = ref()
            if kept is None or kept.stopped.is_set():
                break
            log.warning("feed versions: listening stopped (%s); reading each poll", error)
            kept._deaf()
            retry = kept.RETRY
            del kept
            connection = _closed(connection)
            time.sleep(retry)
    kept = ref()
    if kept is not None:
        kept._deaf()
    _closed(connection)


def _closed(connection) -> None:
    if connection is not None:
        try:
            connection.close()
        except Exception:  # noqa: BLE001
            pass


def forget_everywhere() -> None:
    """This process committed a campaign change: its own polls must see it at once."""
    for kept in list(_KEPT):
        kept.forget()
