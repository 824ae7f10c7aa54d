"""API tokens: a campaign's keys for the JSON API, each with a role from the team's table."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campaign import clock
from campaign.core.database import UTCDateTime, enum_column
from campaign.extensions import db
from campaign.organisers.roles import Role


class ApiToken(db.Model):
    """A bearer token of one campaign: shown once, stored as a keyed hash, revocable."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    #: What the owner calls it ("CiviCRM sync", "website").
    name: Mapped[str] = mapped_column(sa.String(120))
    #: The token can do what a member with this role can, never more.
    role: Mapped[Role] = enum_column(Role)
    #: HMAC-SHA256 of the token, keyed with the app's secret: a copy of the table opens nothing.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: The token's first characters, shown in the list so owners can tell tokens apart.
    prefix: Mapped[str] = mapped_column(sa.String(12))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organiser.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self):
        return f"<ApiToken {self.id} campaign={self.campaign_id} {self.role}>"
