"""Writes for organiser accounts and sessions. Each flushes; the caller commits."""
from datetime import timedelta

from flask_login import login_user, logout_user

from campaign import clock
from campaign.extensions import db
from campaign.organisers import audit, sessions, signals, tokens
from campaign.organisers.models import Organiser, PasswordReset, burn_password_check

#: How long a password-reset link works.
RESET_VALIDITY = timedelta(hours=1)


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
        # Recorded on the account only (an unknown address leaves no trace to compare with).
        audit.record("sign_in_failed", organiser_id=organiser.id)
        return None
    return organiser


def log_in(organiser: Organiser) -> None:
    """Start the organiser's session and record when."""
    login_user(organiser)
    sessions.start(organiser)
    organiser.last_login_at = clock.now()
    audit.record("sign_in", organiser_id=organiser.id)
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
    audit.record("password_changed", organiser_id=organiser.id)
    db.session.flush()


def request_password_reset(email: str, lang: str) -> None:
    """Queue a reset link if the address has an active account; otherwise do the same token
    work and nothing else. The caller answers the same either way."""
    token, token_hash = tokens.new_token()
    organiser = find_organiser(email)
    if organiser is None or not organiser.active:
        return
    now = clock.now()
    reset = PasswordReset(organiser_id=organiser.id, token_hash=token_hash, created_at=now,
                          expires_at=now + RESET_VALIDITY)
    db.session.add(reset)
    db.session.flush()
    signals.password_reset_requested.send(reset, email=organiser.email, token=token, lang=lang)


def reset_from_token(token: str) -> PasswordReset | None:
    """The unused, unexpired reset of this link, or None."""
    if not token or len(token) > 100:
        return None
    reset = db.session.scalar(db.select(PasswordReset).where(
        PasswordReset.token_hash == tokens.digest(token)))
    if reset is None or reset.used_at is not None or reset.expires_at <= clock.now():
        return None
    return reset


def reset_password(reset: PasswordReset, password: str) -> Organiser:
    """Set the new password from a reset link; the link and every session end."""
    reset.used_at = clock.now()
    organiser = db.session.get(Organiser, reset.organiser_id)
    change_password(organiser, password)
    return organiser


def set_active(organiser: Organiser, active: bool) -> None:
    """Deactivate (sessions end at once) or reactivate an account."""
    organiser.active = active
    if not active:
        organiser.end_sessions()
    db.session.flush()
