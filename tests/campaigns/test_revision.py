"""A campaign's revision names one state of it: feed caches and ETags are keyed on it."""
import sqlalchemy as sa
from sqlalchemy.orm import Session

from campaign.campaigns.models import Campaign
from campaign.extensions import db
from tests.factories import create_campaign, create_key_date


def test_every_change_raises_the_revision(app):
    campaign = create_campaign()
    first = campaign.revision
    create_key_date(campaign)
    assert campaign.revision == first + 1


def test_two_writes_at_once_get_a_revision_each(app):
    """Two app servers load the campaign at the same revision and both change it: the second
    may not overwrite the first's revision with the same number (its feed would keep an ETag
    of a state that never existed)."""
    campaign_id = create_campaign().id
    campaign = db.session.get(Campaign, campaign_id)
    before = campaign.revision
    other = Session(db.engine)
    try:
        elsewhere = other.get(Campaign, campaign_id)
        elsewhere.touch()
        create_key_date(campaign, texts={"en": {"title": "Hearing"}})
        other.commit()
    finally:
        other.close()
    db.session.expire_all()
    assert db.session.scalar(sa.select(Campaign.revision)) == before + 2
