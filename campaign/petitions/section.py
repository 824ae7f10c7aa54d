"""The campaign page's "Petitions" section: each public petition with its count."""
from campaign.campaigns import sections
from campaign.petitions import counter, queries


def load(campaign) -> dict | None:
    petitions = queries.campaign_petitions(campaign)
    if not petitions:
        return None
    totals = counter.counts(p.id for p in petitions)
    return {"petitions": [(p, queries.Progress(totals[p.id], counter.next_goal(totals[p.id],
                                                                               p.goal)))
                          for p in petitions]}


sections.register("petitions", order=30, template="petitions/_section.html", load=load)
