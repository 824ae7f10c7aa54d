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


def create_organiser(email: str, name: str, password: str, via: str | None = None) -> Organiser:
    """Create an active organiser account (audited when *via* names an operator's command)."""
    email = normalise_email(email)
    if find_organiser(email) is not None:
        raise OrganiserExists(email)
    organiser = Organiser(email=email, name=name.strip() or email)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.flush()
    if via:
        audit.record("account_created", organiser_id=organiser.id, via=via)
    return organiser


def authenticate(email: str, password: str) -> Organiser | None:
    """The active organiser with these credentials, or None (in the same time either way)."""
    organiser = find_organiser(email)
    if organiser is None:
        burn_password_check(password)
        # The same insert as for an account, on no account: nobody reads it (no owner sees
        # an event of no campaign and no member), and no typed address is kept.
        audit.record("sign_in_failed", organiser_id=None)
        return None
    if not organiser.check_password(password) or not organiser.active:
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
    """Record a reset request and queue its mail, for any address: the same statements run
    whether or not an account has it (no account enumeration, not even by timing). The mail
    worker sends the link only if the address belongs to an active account (see
    ``mailing.accounts``); otherwise the row is cancelled unsent."""
    token, token_hash = tokens.new_token()
    now = clock.now()
    reset = PasswordReset(email=normalise_email(email)[:254], token_hash=token_hash,
                          created_at=now, expires_at=now + RESET_VALIDITY)
    db.session.add(reset)
    db.session.flush()
    signals.password_reset_requested.send(reset, email=reset.email, token=token, lang=lang)


def account_of_reset(reset: PasswordReset) -> Organiser | None:
    """The active account a reset request names, or None."""
    organiser = find_organiser(reset.email)
    return organiser if organiser is not None and organiser.active else None


def reset_from_token(token: str) -> PasswordReset | None:
    """The unused, unexpired reset of this link, for an active account; or None."""
    if not token or len(token) > 100:
        return None
    reset = db.session.scalar(db.select(PasswordReset).where(
        PasswordReset.token_hash == tokens.digest(token)))
    if reset is None or reset.used_at is not None or reset.expires_at <= clock.now():
        return None
    return reset if account_of_reset(reset) is not None else None


def reset_password(reset: PasswordReset, password: str) -> Organiser:
    """Set the new password from a reset link; the link and every session end."""
    reset.used_at = clock.now()
    organiser = account_of_reset(reset)
    change_password(organiser, password)
    return organiser


def purge_resets(now) -> int:
    """Delete expired reset requests (they hold typed addresses, some of no account)."""
    return db.session.execute(db.delete(PasswordReset).where(
        PasswordReset.expires_at <= now)).rowcount or 0


def set_active(organiser: Organiser, active: bool, via: str | None = None) -> None:
    """Deactivate (sessions end at once) or reactivate an account; recorded on the account,
    so the owners of each of its campaigns read it."""
    if organiser.active == active:
        return
    organiser.active = active
    if not active:
        organiser.end_sessions()
    audit.record("account_reactivated" if active else "account_deactivated",
                 organiser_id=organiser.id, **({"via": via} if via else {}))
    db.session.flush()
