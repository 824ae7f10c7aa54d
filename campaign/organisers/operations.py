"""Writes for organiser accounts."""
from flask_login import login_user

from campaign import clock
from campaign.extensions import db
from campaign.organisers.models import Organiser, burn_password_check


class OrganiserExists(ValueError):
    """An account with this e-mail already exists."""


def create_organiser(email: str, name: str, password: str) -> Organiser:
    """Create an active organiser account."""
    email = email.strip().lower()
    if db.session.scalar(db.select(Organiser.id).where(Organiser.email == email)):
        raise OrganiserExists(email)
    organiser = Organiser(email=email, name=name.strip() or email)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.flush()
    return organiser


def authenticate(email: str, password: str) -> Organiser | None:
    """The active organiser with these credentials, or None (in the same time either way)."""
    organiser = db.session.scalar(
        db.select(Organiser).where(Organiser.email == email.strip().lower()))
    if organiser is None:
        burn_password_check(password)
        return None
    if not organiser.check_password(password) or not organiser.active:
        return None
    return organiser


def log_in(organiser: Organiser) -> None:
    """Start the organiser's session and record when."""
    login_user(organiser)
    organiser.last_login_at = clock.now()
    db.session.flush()
