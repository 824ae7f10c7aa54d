"""What messages add to the organisers' dashboard: how many are on their way."""
import sqlalchemy as sa
from flask_babel import gettext as _

from campaign.campaigns.figures import Figure
from campaign.extensions import db
from campaign.messages.models import MessageState, OrganiserMessage


def figures(campaign) -> list[Figure]:
    in_progress = db.session.scalar(sa.select(sa.func.count()).select_from(OrganiserMessage).where(
        OrganiserMessage.campaign_id == campaign.id,
        OrganiserMessage.state.in_((MessageState.SCHEDULED, MessageState.SENDING))))
    return [Figure(_("Messages in progress"), in_progress)]
