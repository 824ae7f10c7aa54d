"""Engine settings and column types shared by every domain."""
import functools
import os
from datetime import UTC, datetime

from flask import current_app
import sqlalchemy as sa
from sqlalchemy import DateTime, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from campaign import clock
from campaign.extensions import db


def init_app(app):
    """Turn on WAL, a busy timeout and foreign keys for every SQLite connection; end each
    request's session without an error when the database has gone away meanwhile; make an
    SQLite file readable by its owner only."""
    private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path)
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)
    # Registered after Flask-SQLAlchemy's, so it runs first (teardowns run in reverse).
    app.teardown_appcontext(lambda exc: release_session())


def private_sqlite_file(uri: str, instance_path: str) -> None:
    """Create the SQLite file (and its folder) readable by the owner only, before SQLite
    would create it world-readable; tighten an existing one. SQLite gives its -wal and -shm
    files the database file's permissions."""
    url = sa.engine.make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" \
            or url.database.startswith("file:"):
        return
    # Relative paths are relative to the instance folder (as Flask-SQLAlchemy reads them).
    path = os.path.join(instance_path, url.database)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    # Never open an existing database file here: closing any descriptor of a file drops
    # every POSIX lock this process holds on it — SQLite's own locks included, so another
    # app in this process (a second app server, a test's app) would lose its locks and
    # see "disk I/O error". O_EXCL creates only a file that is not there yet.
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    if os.stat(path).st_mode & 0o777 != 0o600:
        os.chmod(path, 0o600)


def release_session(rollback_only: bool = False) -> None:
    """Roll back and give the connection back; a connection the database dropped (a restart,
    a network cut) is discarded instead of raising, which would turn an answered page or the
    503 page into a 500."""
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


def insert_ignoring_conflicts(table, conflict_columns: tuple[str, ...]):
    """``INSERT … ON CONFLICT (conflict_columns) DO NOTHING`` for SQLite and PostgreSQL, with
    ``RETURNING id`` when *table* has an ``id`` column; execute it with the values::

        new_id = db.session.scalar(insert_ignoring_conflicts(Signature, ("petition_id",
                                   "email_canonical")), values)   # None: the row existed

    Two transactions racing on one key end with one row (the loser finds the conflict once the
    winner commits). RETURNING, not rowcount: psycopg reports -1 for this statement. The
    statement is built once per table and engine (building it cost a fifth of a signature).
    """
    return _insert_ignoring(getattr(table, "__table__", table), tuple(conflict_columns),
                            db.session.get_bind().dialect.name)


@functools.cache
def _insert_ignoring(table, conflict_columns: tuple[str, ...], dialect: str):
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = insert.on_conflict_do_nothing(index_elements=list(conflict_columns))
    return statement.returning(table.c.id) if "id" in table.c else statement


class SlugTaken(ValueError):
    """Another row already uses this slug."""


def check_slug_free(model, slug: str, own_id: int | None) -> None:
    """:raise SlugTaken: when a row of *model* other than *own_id* uses *slug*."""
    clash = db.session.scalar(db.select(model.id).where(model.slug == slug))
    if clash is not None and clash != own_id:
        raise SlugTaken(slug)


def sort_key_column(source: str):
    """A name's sort key (:func:`campaign.core.names.sort_key`), filled from the column
    *source* on every insert, ORM or not; compared as bytes on every engine (SQLite's default
    collation, "C" on PostgreSQL), so one order holds everywhere and an index serves it."""
    from campaign.core.names import SORT_KEY_LENGTH, sort_key

    def from_source(context):
        return sort_key(context.get_current_parameters().get(source))

    return mapped_column(sa.String(SORT_KEY_LENGTH).with_variant(
        sa.String(SORT_KEY_LENGTH, collation="C"), "postgresql"), default=from_source)


def enum_column(enum_class, **kwargs):
    """A VARCHAR holding the enum's value (no native type: same on SQLite and PostgreSQL)."""
    return mapped_column(sa.Enum(enum_class, native_enum=False, length=20,
                                 values_callable=lambda e: [m.value for m in e],
                                 validate_strings=True, create_constraint=False), **kwargs)


class Timestamps:
    """When a row was created and last changed (UTC, by the app clock), for edited models."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: When a page, feed or cache should last have seen a change.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now,
                                                 onupdate=clock.now)


def lock_row(model, row_id: int):
    """The row *row_id* of *model*, held until the transaction ends and read afresh.

    PostgreSQL: ``SELECT … FOR UPDATE``. SQLite: a write to the row takes the database's write
    lock (other writers wait on the busy timeout), since SQLite has no row locks.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        # Raw, so that no column's onupdate (updated_at…) fires: nothing changes but the lock.
        db.session.execute(sa.text(f"UPDATE {model.__tablename__} SET id = id WHERE id = :id"),
                           {"id": row_id})
    return db.session.scalars(
        sa.select(model).where(model.id == row_id).with_for_update(of=model)
        .execution_options(populate_existing=True)).one()
