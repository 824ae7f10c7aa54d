"""Fixtures: the app on SQLite and again on PostgreSQL, clients, and small factories.

Every test that asks for ``app`` runs once per database engine. PostgreSQL tests use a schema
of their own per run, so two runs on one server cannot collide; when no server answers at
TEST_DATABASE_URL they skip with the reason (or fail, with CAMPAIGN_REQUIRE_POSTGRES=1, as CI sets).
"""
import datetime as dt
import os
import uuid

import flask_migrate
import pytest
from sqlalchemy import create_engine, text

from campaign import clock, create_app
from campaign.extensions import db
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


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app on the test database with extra settings; tables are emptied after."""
    apps = []

    def make(**overrides):
        config = {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides}
        app = create_app(config)
        app.instance_path = str(tmp_path / "instance")
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    empty_tables(database_url)


def empty_tables(url):
    """Delete every row, children first, so the next test starts from an empty schema."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
    engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


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
