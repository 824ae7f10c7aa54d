"""Organiser sessions that really end.

The session cookie holds the organiser's id and ``session_version``; the loader accepts it
only while the database holds the same version, the account is active, and the session has
been used within ``ORGANISER_IDLE_MINUTES`` (and is younger than ``ORGANISER_SESSION_HOURS``).
Logging out, changing the password, removal from the last team and deactivation raise the
version: every copy of every cookie of that account stops working at once, on every app
server, since they all read the same row.
"""
from flask import current_app, g, session
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError

from campaign import clock
from campaign.config import add_defaults
from campaign.extensions import db, login
from campaign.organisers.models import Organiser

DEFAULTS = {
    #: Minutes without a request after which an organiser must sign in again.
    "ORGANISER_IDLE_MINUTES": 30,
    #: Hours after signing in after which a session ends however busy it was.
    "ORGANISER_SESSION_HOURS": 12,
}
#: Seen-time is written back at most this often (seconds), not on every request.
_SEEN_RESOLUTION = 60


def init_app(app):
    """Send visitors who are not signed in to the sign-in page; find a session's organiser."""
    add_defaults(app, DEFAULTS)
    login.login_view = "organisers.login_page"
    login.login_message = _l("Please log in to see this page.")
    login.login_message_category = "info"
    login.user_loader(load_organiser)
    app.before_request(_forget_previous_user)


def _forget_previous_user() -> None:
    """Check each request's cookie afresh. Flask-Login keeps the loaded organiser on ``g``,
    and an app context pushed around several requests (tests, scripts) would otherwise hand
    one request's organiser to the next, unchecked."""
    g.pop("_login_user", None)


def start(organiser: Organiser) -> None:
    """Note when the session began (called right after ``login_user``)."""
    moment = int(clock.now().timestamp())
    session["started"] = session["seen"] = moment


def load_organiser(user_id: str) -> Organiser | None:
    """The organiser of a live session, or None (signed out, ended, idle, or too old)."""
    try:
        organiser_id, version = (int(part) for part in str(user_id).split(":"))
        organiser = db.session.get(Organiser, organiser_id)
    except (ValueError, OperationalError):
        return None
    if organiser is None or not organiser.active or organiser.session_version != version:
        return None
    return organiser if _still_fresh() else None


def _still_fresh() -> bool:
    now = int(clock.now().timestamp())
    started, seen = session.get("started"), session.get("seen")
    if not isinstance(started, int) or not isinstance(seen, int):
        return False
    config = current_app.config
    if (now - seen > config["ORGANISER_IDLE_MINUTES"] * 60
            or now - started >= config["ORGANISER_SESSION_HOURS"] * 3600):
        return False
    if now - seen >= _SEEN_RESOLUTION:
        session["seen"] = now
    return True
