"""Every model, imported in one place so SQLAlchemy and Alembic see the whole schema."""
from campaign.campaigns.models import Campaign, CampaignTranslation, KeyDate, KeyDateTranslation  # noqa: F401
from campaign.organisers.models import Organiser  # noqa: F401
from campaign.mailing.models import OutboxMessage, Suppression  # noqa: F401
from campaign.petitions.models import Petition, PetitionCounterShard, PetitionTranslation, Signature  # noqa: F401
from campaign.events.models import Event, EventTranslation, Rsvp  # noqa: F401
from campaign.reminders.models import KeyDateReminder, KeyDateReminderTranslation, ReminderRun  # noqa: F401
from campaign.messages.models import MessageTranslation, OrganiserMessage  # noqa: F401
