"""Every model, imported in one place so SQLAlchemy and Alembic see the whole schema."""
from campaign.campaigns.models import Campaign, CampaignTranslation, KeyDate, KeyDateTranslation  # noqa: F401
from campaign.organisers.models import Organiser  # noqa: F401
from campaign.mailing.models import OutboxMessage  # noqa: F401
from campaign.events.models import Event, EventTranslation, Rsvp  # noqa: F401
