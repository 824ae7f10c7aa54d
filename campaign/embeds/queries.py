"""Reads: a campaign's allowed origins."""
from campaign.embeds.models import EmbedSettings
from campaign.extensions import db


def allowed_origins(campaign_id: int) -> list[str]:
    """The origins that may frame *campaign_id*'s embed pages (none: only our own pages)."""
    settings = db.session.get(EmbedSettings, campaign_id)
    return settings.origins if settings else []
