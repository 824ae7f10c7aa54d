"""Which other websites may show a campaign's sign and RSVP forms in an iframe."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campaign.core.database import Timestamps
from campaign.extensions import db


class EmbedSettings(Timestamps, db.Model):
    """A campaign's embed settings (no row: nobody else may frame its forms)."""

    __tablename__ = "embed_settings"

    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    #: Origins (scheme://host[:port]) allowed to frame the embed pages, one per line,
    #: normalised by :func:`campaign.embeds.origins.parse` before they are stored.
    allowed_origins: Mapped[str] = mapped_column(sa.Text, default="")

    @property
    def origins(self) -> list[str]:
        return [line for line in self.allowed_origins.splitlines() if line]

    def __repr__(self):
        return f"<EmbedSettings campaign={self.campaign_id} {self.origins}>"
