"""Layered configuration: defaults → instance/config.py → env → test_config."""
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def load(app, test_config=None):
    """Fill ``app.config`` layer by layer; each layer overrides the one before."""
    app.config.from_object("campaign.config")
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
        app.instance_path, "campaign.sqlite")
    app.config["MIGRATIONS_DIRECTORY"] = str(PROJECT_ROOT / "migrations")
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config.from_prefixed_env("CAMPAIGN")
    if test_config:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["BASE_URL"] = app.config["BASE_URL"].rstrip("/")
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
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: two processes starting at once agree on one key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
