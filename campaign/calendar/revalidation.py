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
"""
import re
import threading
import weakref

from werkzeug.datastructures import ETags
from werkzeug.http import parse_date, parse_etags
from werkzeug.middleware.proxy_fix import ProxyFix

from campaign.calendar import feeds
from campaign.campaigns.models import Campaign, CampaignStatus
from campaign.campaigns.queries import CampaignVersion
from campaign.core import security
from campaign.core.database import UTCDateTime

FEED_PATH = re.compile(r"/(?P<lang>[^/]+)/campaigns/(?P<slug>[^/]+)/calendar\.ics\Z")


def install(app):
    """Put the answerer right in front of Flask (inside ProxyFix: HSTS needs the real scheme)."""
    holder, name = app, "wsgi_app"
    while isinstance(getattr(holder, name), ProxyFix):
        holder, name = getattr(holder, name), "app"
    setattr(holder, name, FeedRevalidation(getattr(holder, name), app))


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
            self.reader = VersionReader(self.flask_app)
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
            cargs, cparams = self.dialect.create_connect_args(self.url)
            connection = self.dialect.connect(*cargs, **cparams)
            self.dialect.set_isolation_level(connection, "AUTOCOMMIT")
            self.local.connection = connection
            weakref.finalize(self, connection.close)  # closed, not dropped, with the app
        return connection

    def forget(self):
        connection, self.local.connection = getattr(self.local, "connection", None), None
        try:
            if connection is not None:
                connection.close()
        except self.dialect.loaded_dbapi.Error:
            pass
