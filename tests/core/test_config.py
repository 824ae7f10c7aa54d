"""Configuration layers: defaults → instance/config.py → env → test_config; the secret key."""
from pathlib import Path

import pytest

from campaign import create_app
from campaign.config import normalise_database_url


@pytest.fixture
def instance(tmp_path, monkeypatch):
    """An empty instance folder and no CAMPAIGN_* or DATABASE_URL in the environment."""
    import os

    for name in list(os.environ):
        if name.startswith("CAMPAIGN_") or name in ("DATABASE_URL", "PORT"):
            monkeypatch.delenv(name)
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    return tmp_path


def test_defaults_use_sqlite_in_the_instance_folder(instance):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance}/campaign.sqlite"
    assert app.config["BASE_URL"] == "http://127.0.0.1:5000"
    assert app.config["MAIL_SERVER"] is None


def test_each_layer_overrides_the_one_before(instance, monkeypatch):
    (instance / "config.py").write_text("BASE_URL = 'https://from-file.example'\n"
                                        "MAIL_SERVER = 'smtp.from-file'\nMAIL_PORT = 2525\n")
    assert create_app().config["BASE_URL"] == "https://from-file.example"

    monkeypatch.setenv("CAMPAIGN_BASE_URL", "https://from-env.example/")
    monkeypatch.setenv("CAMPAIGN_MAIL_PORT", "1025")
    app = create_app()
    assert app.config["BASE_URL"] == "https://from-env.example"
    assert app.config["MAIL_PORT"] == 1025
    assert app.config["MAIL_SERVER"] == "smtp.from-file"

    app = create_app({"BASE_URL": "https://from-test.example"})
    assert app.config["BASE_URL"] == "https://from-test.example"


def test_database_url_is_accepted_and_pointed_at_psycopg(instance, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example/campaign")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == \
        "postgresql+psycopg://u:p@db.example/campaign"
    monkeypatch.setenv("CAMPAIGN_SQLALCHEMY_DATABASE_URI", "sqlite:////tmp/x.sqlite")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/x.sqlite"


def test_a_secret_key_is_generated_once_and_reused(instance):
    first = create_app().config["SECRET_KEY"]
    assert len(first) >= 40
    key_file = Path(instance) / "secret_key"
    assert key_file.read_text().strip() == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert create_app().config["SECRET_KEY"] == first


def test_a_configured_secret_key_is_used_and_nothing_written(instance, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"
    assert not (Path(instance) / "secret_key").exists()


@pytest.mark.parametrize("url, expected", [
    ("postgresql://a@h/db", "postgresql+psycopg://a@h/db"),
    ("postgresql+psycopg://a@h/db", "postgresql+psycopg://a@h/db"),
    ("sqlite:///x", "sqlite:///x"),
])
def test_database_urls_are_normalised(url, expected):
    assert normalise_database_url(url) == expected
