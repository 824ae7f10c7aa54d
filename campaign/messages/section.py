"""The campaign page's "Updates" section: messages organisers published, newest first."""
from campaign.campaigns import sections
from campaign.messages import queries


def load(campaign) -> dict | None:
    updates = queries.published_updates(campaign)
    return {"updates": updates} if updates else None


sections.register("updates", order=40, template="messages/_updates.html", load=load)
