"""Writes for organiser accounts and sessions. Each flushes; the caller commits."""
from flask_login import login_user, logout_user

from campaign import clock
from campaign.extensions import db
from campaign.organisers import sessions
from campaign.organisers.models import Organiser, burn_password_check


class OrganiserExists(ValueError):
    """An account with this e-mail already exists."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_organiser(email: str) -> Organiser | None:
    return db.session.scalar(db.select(Organiser).where(Organiser.email == normalise_email(email)))


def create_organiser(email: str, name: str, password: str) -> Organiser:
    """Create an active organiser account."""
    email = normalise_email(email)
    if find_organiser(email) is not None:
        raise OrganiserExists(email)
    organiser = Organiser(email=email, name=name.strip() or email)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.flush()
    return organiser


def authenticate(email: str, password: str) -> Organiser | None:
    """The active organiser with these credentials, or None (in the same time either way)."""
    organiser = find_organiser(email)
    if organiser is None:
        burn_password_check(password)
        return None
    if not organiser.check_password(password) or not organiser.active:
        return None
    return organiser


def log_in(organiser: Organiser) -> None:
    """Start the organiser's session and record when."""
    login_user(organiser)
    sessions.start(organiser)
    organiser.last_login_at = clock.now()
    db.session.flush()


def log_out(organiser: Organiser) -> None:
    """End this session and every other session of the account (a copied cookie too)."""
    organiser.end_sessions()
    db.session.flush()
    logout_user()


def change_password(organiser: Organiser, password: str) -> None:
    """Set a new password; every session of the account ends."""
    organiser.set_password(password)
    organiser.end_sessions()
    db.session.flush()


def set_active(organiser: Organiser, active: bool) -> None:
    """Deactivate (sessions end at once) or reactivate an account."""
    organiser.active = active
    if not active:
        organiser.end_sessions()
    db.session.flush()
