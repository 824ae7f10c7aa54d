"""Organiser accounts."""
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from campaign import clock
from campaign.core.database import UTCDateTime, enum_column
from campaign.extensions import db
from campaign.organisers.roles import Role

hasher = PasswordHasher()
#: Verified against when the e-mail is unknown, so both failures take the same time. A literal
#: with the hasher's parameters: hashing it at import cost every process (the mail worker, each
#: gunicorn worker) 0.9 s and a 64 MB peak of memory it never needed again.
_DUMMY_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$1gpS9F16WpYCNFz+6srdjg$"
               "Wofz/YqSTUbv9XNEG1jarymFH5XX09rPGlSDWVsRpFo")


class Organiser(UserMixin, db.Model):
    """A person who runs campaigns: publishes, reads lists of supporters, sends mail."""

    __tablename__ = "organiser"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Normalised (lower-case) e-mail; the login name.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    #: Argon2id hash (argon2-cffi).
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    #: Inactive organisers cannot log in.
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Part of every session cookie of this account; raising it (logout, password change,
    #: removal, deactivation) ends every session at once, on every app server.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: The TOTP secret (base32) once two-factor sign-in is confirmed; None without it.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    #: The time step of the last code accepted: a code seen once (an onlooker's) is refused.
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    @property
    def has_two_factor(self) -> bool:
        return bool(self.totp_secret)

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """What the session cookie holds: the id and the session version."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """Make every session cookie issued so far worthless."""
        self.session_version = (self.session_version or 1) + 1

    def set_password(self, password: str) -> None:
        self.password_hash = hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
        return True

    def __repr__(self):
        return f"<Organiser {self.id} {self.email!r}>"


def burn_password_check(password: str) -> None:
    """Spend the time of one password check (for unknown e-mails)."""
    try:
        hasher.verify(_DUMMY_HASH, password)
    except VerificationError:
        pass


class Membership(db.Model):
    """An organiser's role in one campaign: what they may see and do there."""

    __tablename__ = "membership"
    __table_args__ = (sa.UniqueConstraint("organiser_id", "campaign_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organiser.id", ondelete="CASCADE"), index=True)
    #: A string reference: campaigns sit above organisers in the layers.
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = enum_column(Role)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    def __repr__(self):
        return f"<Membership organiser={self.organiser_id} campaign={self.campaign_id} {self.role}>"


class DoorEvent(db.Model):
    """An event a door member checks people in at (chosen by an owner; none until then)."""

    __tablename__ = "door_event"

    membership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("membership.id", ondelete="CASCADE"), primary_key=True)
    #: A string reference: events sit above organisers in the layers.
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True, index=True)


class Invitation(db.Model):
    """An owner's invitation to join a campaign's team in a role: a single-use, expiring link."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    role: Mapped[Role] = enum_column(Role)
    #: SHA-256 of the link's token: a copy of the table opens no invitation.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organiser.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: For a door invitation: the ids of the events the owner chose (given on acceptance).
    door_event_ids: Mapped[list | None] = mapped_column(sa.JSON)

    def is_open(self, now: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at


class PasswordReset(db.Model):
    """A request for a mailed link to set a new password: single use, short-lived, stored
    hashed. Written for every address asked about, with an account or not (the same work
    either way); the mail worker sends the link only to an active account's address."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The address as typed (normalised); the account is looked up when the mail is rendered
    #: and when the link is used. Deleted with the row once the link has expired.
    email: Mapped[str] = mapped_column(sa.String(254))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RecoveryCode(db.Model):
    """One of an account's single-use codes for signing in without the authenticator."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organiser.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TeamPolicy(db.Model):
    """What an owner requires of the whole team (a row only once an owner set something)."""

    __tablename__ = "team_policy"

    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    require_two_factor: Mapped[bool] = mapped_column(default=False)


class AuditEvent(db.Model):
    """Something done in a campaign (or, without a campaign, a sign-in of an account)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    #: None for sign-ins: they are shown to the owners of each campaign the account is in.
    campaign_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    #: Who did it (for a sign-in: whose account).
    organiser_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organiser.id", ondelete="SET NULL"), index=True)
    #: What the owners read: the list exported and its rows, the member and role, ….
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
