"""Fixtures: the app on SQLite and again on PostgreSQL, clients, and small factories.

Every test that asks for ``app`` runs once per database engine, on one app per xdist worker and
engine whose tables are emptied after each test; ``make_app(**settings)`` builds a new app for a
test that needs settings of its own. PostgreSQL tests use a schema of their own per run, so two
runs on one server cannot collide; when no server answers at TEST_DATABASE_URL they skip with
the reason (or fail, with CAMPAIGN_REQUIRE_POSTGRES=1, as CI sets).
"""
import datetime as dt
import os
import uuid

import flask_migrate
import pytest
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, text

from campaign import clock, create_app
from campaign.core import plugins
from campaign.extensions import db, limiter
from campaign.config import normalise_database_url
from tests.smtp import smtp_server  # noqa: F401  (a real SMTP server: tests/smtp.py)

PG_URL = normalise_database_url(os.environ.get(
    "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
REQUIRE_POSTGRES = os.environ.get("CAMPAIGN_REQUIRE_POSTGRES") == "1"

BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "RATELIMIT_STORAGE_URI": "memory://",
    "BASE_URL": "https://campaign.test",
    "SERVER_NAME": None,
    "MAIL_SERVER": None,
    # Tests read pages right after writing; the page cache has its own tests.
    "PAGE_CACHE_SECONDS": 0,
}


def postgres_or_skip(reason_prefix="PostgreSQL"):
    """Connect to the test server or skip (fail on CI) with the reason."""
    try:
        engine = create_engine(PG_URL)
        engine.connect().close()
        return engine
    except Exception as error:  # any failure to connect means "no server here"
        message = f"{reason_prefix}: no server answers at {PG_URL} ({type(error).__name__})"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " and CAMPAIGN_REQUIRE_POSTGRES=1")
        pytest.skip(message)


def schema_url(schema: str) -> str:
    """PG_URL with every connection's search_path set to *schema*."""
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def fresh_database(kind: str, tmp_path_factory):
    """(url, drop) for an empty database of *kind*: a SQLite file or a PostgreSQL schema."""
    if kind == "sqlite":
        path = tmp_path_factory.mktemp("db") / "campaign.sqlite"
        return f"sqlite:///{path}", lambda: None
    engine = postgres_or_skip()
    schema = f"test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    return schema_url(schema), drop


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """A database migrated to head, shared by the session's tests on one engine."""
    url, drop = fresh_database(request.param, tmp_path_factory)
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    yield url
    drop()


class WorkerApp:
    """One app and its engine for every test of an xdist worker on one database engine.

    Building an app per test (and with it a Jinja environment that compiles every template
    again, and an engine with its pool) took about 40 % of the suite. Before each test
    :meth:`reset` puts back what a test may change: the configuration, the extensions' caches
    filled on first use (page cache, calendar feeds, petition counts …), the template loader
    and the instance folder (each test gets its own, for the mail journal).
    """

    def __init__(self, url: str, instance_path):
        self.app = build_app(url, instance_path)
        with self.app.app_context():
            self.engine = db.engine
        self.config = dict(self.app.config)
        self.extensions = set(self.app.extensions)
        self.plugins = {name: dict(entries) for name, entries
                        in self.app.extensions[plugins.KEY].items()}
        self.loader = self.app.jinja_env.loader

    def reset(self, instance_path) -> None:
        app = self.app
        app.config.clear()
        app.config.update(self.config)
        for name in set(app.extensions) - self.extensions:
            del app.extensions[name]
        # What a test registered (a test mail kind, a failing step) goes with it.
        app.extensions[plugins.KEY] = {name: dict(entries) for name, entries
                                       in self.plugins.items()}
        app.jinja_env.loader = self.loader
        app.instance_path = str(instance_path)

    def restore_limiter(self) -> None:
        """Flask-Limiter keeps its settings on the one global Limiter: an app built with
        make_app(RATELIMIT_ENABLED=True) switched rate limits on for every app."""
        limiter.init_app(self.app)

    def empty_tables(self) -> None:
        empty_tables(self.engine)

    def close(self) -> None:
        with self.app.app_context():
            db.session.remove()
        self.engine.dispose()


class TemplateCodeCache(BytecodeCache):
    """Compiled templates kept in memory for every app of the process: an app built by
    make_app loads them instead of compiling each template again (Jinja checks the source)."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = TemplateCodeCache()


def build_app(url: str, instance_path, **overrides):
    """A new app on *url* with the tests' settings and *overrides*."""
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url, **overrides})
    app.instance_path = str(instance_path)
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    return app


@pytest.fixture(scope="session")
def worker_app(database_url, tmp_path_factory):
    """The worker's :class:`WorkerApp` on this engine (one per xdist worker and engine)."""
    shared = WorkerApp(database_url, tmp_path_factory.mktemp("instance"))
    yield shared
    shared.close()


@pytest.fixture
def empty_database(worker_app):
    """Every table emptied (ids restarting at 1) once the test and its apps are done."""
    yield worker_app
    worker_app.empty_tables()


@pytest.fixture
def make_app(database_url, empty_database, tmp_path):
    """Build a new app on the test database with extra settings (CSRF, rate limits, SMTP …).

    For a test that needs settings of its own; tests that take ``app`` share the worker's.
    The apps are closed after the test, and the worker's app takes the rate limiter back.
    """
    apps = []

    def make(**overrides):
        app = build_app(database_url, tmp_path / "instance", **overrides)
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if apps:
        empty_database.restore_limiter()


def empty_tables(engine_or_url):
    """Delete every row, children first, so the next test starts from an empty schema, and
    restart the ids at 1 (DELETE is ten times faster than TRUNCATE on these small tables)."""
    engine = create_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("; ".join(f'DELETE FROM "{name}"' for name in tables))
            conn.exec_driver_sql(
                "SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S'"
                " AND c.relnamespace = current_schema()::regnamespace")
        else:
            for name in tables:
                conn.exec_driver_sql(f'DELETE FROM "{name}"')
            # Only tables declared AUTOINCREMENT keep a counter (rowids restart by themselves).
            if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
                                    ).first():
                conn.exec_driver_sql("DELETE FROM sqlite_sequence")
    if engine is not engine_or_url:
        engine.dispose()


@pytest.fixture
def app(empty_database, tmp_path):
    """The worker's app on this engine, in its context, as fresh as a new one."""
    empty_database.reset(tmp_path / "instance")
    app = empty_database.app
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes():
    """Argon2 at its cheapest parameters (argon2-cffi's profile for tests) for the passwords
    tests set and check: at the real 64 MB x 3 passes, each organiser's hash and login cost
    0.25 s, a sixth of the suite. Checks against the dummy hash (an unknown e-mail) and the
    served apps of tests/e2e and tests/drills keep the real parameters."""
    from argon2 import PasswordHasher, profiles

    from campaign.organisers import models

    patch = pytest.MonkeyPatch()
    patch.setattr(models, "hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def real_clock():
    """Every test starts and ends on the real clock."""
    clock.set_now(None)
    yield
    clock.set_now(None)


@pytest.fixture
def frozen_now():
    """Freeze the clock at a fixed moment (1 December 2026, 09:00 UTC) and return it."""
    moment = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    clock.set_now(moment)
    return moment


def pytest_collection_modifyitems(items):
    """Mark the browser journeys and keep them on one xdist worker (one app, one browser).

    With ``-n 2`` pytest.ini's ``--dist loadgroup`` sends every test of the "browser" group
    to the same worker, so the session's live server and Chromium start once.
    """
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("browser"))
