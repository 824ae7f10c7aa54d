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
