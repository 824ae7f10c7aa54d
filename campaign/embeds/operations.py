"""Writes: the allowed origins of a campaign (recorded in its audit log)."""
from campaign.embeds.models import EmbedSettings
from campaign.extensions import db
from campaign.organisers import audit


def set_allowed_origins(campaign, origins: list[str]) -> bool:
    """Store *origins* (already checked by :func:`campaign.embeds.origins.parse`); returns
    whether they changed."""
    settings = db.session.get(EmbedSettings, campaign.id)
    if settings is None:
        settings = EmbedSettings(campaign_id=campaign.id, allowed_origins="")
        db.session.add(settings)
    if settings.origins == origins:
        return False
    settings.allowed_origins = "\n".join(origins)
    audit.record("settings_changed", campaign.id, setting="embed origins",
                 origins=" ".join(origins) or "-")
    db.session.flush()
    return True
