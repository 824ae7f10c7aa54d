"""Drills run the app as production does: gunicorn processes on a real database, a separate
mail worker, load from many threads of the test process. Each of them takes 15 s or more
(starting gunicorn, migrating, loading the demo), so every one is marked ``drill``: ``make drills``
and CI run them, ``make test`` skips them. Only the in-process fuzzing of test_fuzz.py keeps a
short variant (20 fixed examples per form) in ``make test``.
"""
import os

import pytest

from bench.server import AppServer
from tests.conftest import fresh_database

SECRET_KEY = "drill-secret-key"
PETITION = "stop-torture-kazakhstan"
EVENT = "brussels-protest"


def server_env(url: str, **settings) -> dict:
    """CAMPAIGN_* settings for a served app on *url*."""
    env = {"CAMPAIGN_SQLALCHEMY_DATABASE_URI": url, "CAMPAIGN_SECRET_KEY": SECRET_KEY,
           # One client, many visitors: each request says which (as a proxy would).
           "CAMPAIGN_PROXY_FIX_X_FOR": "1"}
    env.update({f"CAMPAIGN_{key}": str(value) for key, value in settings.items()})
    return env


def served_app(workdir, url: str, workers: int = 4, demo: bool = True, **settings) -> AppServer:
    """gunicorn on a migrated database holding the demo campaign (not yet started)."""
    env = server_env(url, **settings)
    server = AppServer(workdir, env, workers=workers)
    # Only our settings: none of the developer's CAMPAIGN_* variables leak in.
    server.env = {key: value for key, value in server.env.items()
                  if not key.startswith("CAMPAIGN_") or key in env or key == "CAMPAIGN_BASE_URL"}
    server.flask("db", "upgrade")
    if demo:
        server.flask("campaign", "demo")
    return server


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path_factory):
    """An empty database URL on each engine (a file, or a schema of its own)."""
    url, drop = fresh_database(request.param, tmp_path_factory)
    yield url
    drop()


@pytest.fixture
def sqlite_database(tmp_path):
    return f"sqlite:///{tmp_path / 'drill.sqlite'}"


@pytest.fixture
def postgres_database(tmp_path_factory):
    url, drop = fresh_database("postgresql", tmp_path_factory)
    yield url
    drop()
