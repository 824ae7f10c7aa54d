"""Engine settings and column types shared by every domain."""
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import TypeDecorator


def init_app(app):
    """Turn on WAL, a busy timeout and foreign keys for every SQLite connection; end each
    request's session without an error when the database has gone away meanwhile."""
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)
    # Registered after Flask-SQLAlchemy's, so it runs first (teardowns run in reverse).
    app.teardown_appcontext(lambda exc: release_session())


def release_session(rollback_only: bool = False) -> None:
    """Roll back and give the connection back; a connection the database dropped (a restart,
    a network cut) is discarded instead of raising, which would turn an answered page or the
    503 page into a 500."""
    from campaign.extensions import db

    try:
        db.session.rollback() if rollback_only else db.session.remove()
    except DBAPIError as error:
        current_app.logger.warning("database connection lost: %s", error.orig)
        try:
            db.session().invalidate()
        except DBAPIError:
            pass
        if not rollback_only:
            db.session.remove()


def _sqlite_pragmas(dbapi_connection, connection_record):
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class UTCDateTime(TypeDecorator):
    """A moment in time: stored as naive UTC on every engine, read back timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL on SQLite
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)
