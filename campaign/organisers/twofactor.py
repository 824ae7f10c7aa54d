"""Two-factor sign-in with TOTP (RFC 6238, pyotp) and single-use recovery codes.

Enrolment keeps the new secret in the session until the organiser proves the app has it (a
valid code); only then is it stored and the recovery codes shown, once. The QR code is drawn
here as inline SVG (segno): the secret never leaves the page for a third-party service.
"""
import hmac
from datetime import datetime
from urllib.parse import urlsplit

import pyotp
import segno
from flask import current_app
from markupsafe import Markup

from campaign import clock
from campaign.extensions import db
from campaign.organisers import audit, tokens
from campaign.organisers.models import Organiser, RecoveryCode, TeamPolicy

RECOVERY_CODES = 10


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    issuer = urlsplit(current_app.config["BASE_URL"]).hostname or "Campaign"
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(uri: str) -> Markup:
    """The QR code of *uri* as an inline SVG element (segno escapes nothing we pass in)."""
    return Markup(segno.make(uri, error="m").svg_inline(scale=5, border=4, title=None))


def matching_step(secret: str, code: str, at: datetime | None = None) -> int | None:
    """The time step whose code *code* is (this one or one either side, for clock drift)."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp, at = pyotp.TOTP(secret), at or clock.now()
    for offset in (0, -1, 1):
        if hmac.compare_digest(code, totp.at(at, offset)):
            return totp.timecode(at) + offset
    return None


def enable(organiser: Organiser, secret: str, step: int) -> list[str]:
    """Store the secret confirmed by the code of time *step* (which cannot sign in again);
    returns fresh recovery codes (only their hashes are kept)."""
    organiser.totp_secret = secret
    organiser.totp_last_step = step
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.organiser_id == organiser.id))
    codes = [tokens.recovery_code() for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(organiser_id=organiser.id, code_hash=tokens.digest(code))
                       for code in codes)
    audit.record("two_factor_enabled", organiser_id=organiser.id)
    db.session.flush()
    return codes


def turn_off(organiser: Organiser, by: Organiser | None) -> None:
    """An owner turns off a member's second step (a lost phone): the secret and the recovery
    codes go, every session of the account ends. Recorded on the account, so the owners of
    each of its campaigns read it; a campaign that requires it asks for it again."""
    organiser.totp_secret = None
    organiser.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.organiser_id == organiser.id))
    organiser.end_sessions()
    audit.record("two_factor_turned_off", organiser_id=organiser.id,
                 by=by.email if by else "command line")
    db.session.flush()


def check(organiser: Organiser, code: str) -> bool:
    """Accept the app's code, or use up one recovery code (flushes)."""
    if not organiser.totp_secret:
        return False
    step = matching_step(organiser.totp_secret, code)
    if step is not None:
        if organiser.totp_last_step is not None and step <= organiser.totp_last_step:
            return False  # already used: someone who watched it typed cannot sign in with it
        organiser.totp_last_step = step
        db.session.flush()
        return True
    found = db.session.scalar(db.select(RecoveryCode).where(
        RecoveryCode.organiser_id == organiser.id, RecoveryCode.used_at.is_(None),
        RecoveryCode.code_hash == tokens.digest(code.lower())))
    if found is None:
        return False
    found.used_at = clock.now()
    db.session.flush()
    return True


def recovery_codes_left(organiser: Organiser) -> int:
    return db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
        RecoveryCode.organiser_id == organiser.id, RecoveryCode.used_at.is_(None)))


def required(campaign_id: int) -> bool:
    policy = db.session.get(TeamPolicy, campaign_id)
    return bool(policy and policy.require_two_factor)


def set_required(campaign_id: int, value: bool) -> None:
    policy = db.session.get(TeamPolicy, campaign_id)
    if policy is None:
        policy = TeamPolicy(campaign_id=campaign_id)
        db.session.add(policy)
    if bool(policy.require_two_factor) != value:
        audit.record("settings_changed", campaign_id, setting="require_two_factor", value=value)
    policy.require_two_factor = value
    db.session.flush()
