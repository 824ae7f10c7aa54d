"""Engine settings and column types shared by every domain."""
from datetime import UTC, datetime

from sqlalchemy import DateTime, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

from campaign.extensions import db


def init_app(app):
    """Turn on WAL, a busy timeout and foreign keys for every SQLite connection."""
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)


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
    # SQLite's own lower() folds ASCII only: searching "ала" must find "Ала" as on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


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


def insert_ignoring_conflicts(table, rows, conflict_columns: list[str]):
    """``INSERT … ON CONFLICT (conflict_columns) DO NOTHING`` on SQLite and PostgreSQL.

    Returns the statement for *rows* (a dict or a list of dicts) with ``RETURNING id`` when
    *table* has an ``id`` column: executing it gives the new ids, none for rows that already
    existed. Two transactions racing on one key end with one row (the loser finds the
    conflict once the winner commits). Use RETURNING, not rowcount: psycopg reports -1.
    """
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = insert.values(rows).on_conflict_do_nothing(index_elements=conflict_columns)
    table = getattr(table, "__table__", table)
    return statement.returning(table.c.id) if "id" in table.c else statement


class SlugTaken(ValueError):
    """Another row already uses this slug."""


def check_slug_free(model, slug: str, own_id: int | None) -> None:
    """:raise SlugTaken: when a row of *model* other than *own_id* uses *slug*."""
    clash = db.session.scalar(db.select(model.id).where(model.slug == slug))
    if clash is not None and clash != own_id:
        raise SlugTaken(slug)
