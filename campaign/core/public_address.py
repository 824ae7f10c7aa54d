"""The public address (BASE_URL) against where the app is really reached, and its catalogs.

Every mailed link, calendar address and share link is built on BASE_URL, so a wrong one fails
silently: the app works in the browser, the links in every mail lead elsewhere. The first
request whose host differs is logged once and the organiser dashboard shows a warning.
"""
import functools
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request

_DEFAULT_PORTS = {"http": "80", "https": "443"}


class MissingCatalog(RuntimeError):
    """A configured language has no compiled catalog: its visitors would read English."""


def init_app(app):
    app.extensions["base_url_mismatch"] = None
    app.before_request(note_host)


def check_catalogs(app):
    """Stop the start when a configured language has no compiled catalog (.mo)."""
    folders = [Path(app.root_path, folder) for folder in
               app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")]
    missing = [lang for lang in app.config["LANGUAGES"]
               if not any((folder / lang / "LC_MESSAGES" / "messages.mo").is_file()
                          for folder in folders)]
    if missing:
        raise MissingCatalog(
            f"No compiled translations for {', '.join(missing)} in {folders[0]}: these "
            f"languages' pages and mail would be in English. Compile the catalogs first: "
            f"pybabel compile -d {folders[0]} (or `make catalogs`).")


def host_of(url: str) -> str:
    """host[:port] of *url*, lower-cased, without the scheme's default port."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port and str(parts.port) != _DEFAULT_PORTS.get(parts.scheme):
        host += f":{parts.port}"
    return host


@functools.lru_cache(maxsize=64)
def _host_of(url: str) -> str:
    """:func:`host_of`, remembered: every request asks for the same few addresses."""
    return host_of(url)


def note_host():
    """Remember (and log, once) the first request reaching the app at another host."""
    app = current_app._get_current_object()
    if app.extensions.get("base_url_mismatch") is not None:
        return
    scheme = "https" if request.is_secure else "http"
    seen = _host_of(f"{scheme}://{request.host}")
    expected = _host_of(app.config["BASE_URL"])
    if seen and seen != expected:
        app.extensions["base_url_mismatch"] = seen
        app.logger.warning(
            "BASE_URL is %s but the app is reached at %s: links in mail, calendars and shares "
            "point at %s. Set CAMPAIGN_BASE_URL to the public address.",
            app.config["BASE_URL"], seen, app.config["BASE_URL"])


def mismatch() -> str | None:
    """The host the app was reached at when it differs from BASE_URL's, else None."""
    return current_app.extensions.get("base_url_mismatch")
