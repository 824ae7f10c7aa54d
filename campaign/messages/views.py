"""What messages add to public pages: the campaign page's "Updates" section."""
from campaign.messages import queries


def campaign_section(campaign) -> dict | None:
    """Messages organisers published as updates, newest first."""
    updates = queries.published_updates(campaign)
    return {"updates": updates} if updates else None

