"""What petitions add to the organisers' dashboard: signatures today, in all, per day."""
import datetime as dt

from flask_babel import gettext as _

from campaign.campaigns.figures import Figure, Gap, missing_languages
from campaign.petitions import queries, stats

#: Days the sparkline covers.
SPARK_DAYS = 30


def figures(campaign) -> list[Figure]:
    petitions = queries.campaign_petitions(campaign, public_only=False)
    if not petitions:
        return []
    today = campaign.today()
    first = dt.datetime.combine(today - dt.timedelta(days=SPARK_DAYS - 1), dt.time(),
                                tzinfo=campaign.zone)
    per_day = stats.verified_per_day(petitions, campaign.timezone, since=first, until=today)
    total = sum(queries.progress(petition).count for petition in petitions)
    return [Figure(_("Signatures today"), per_day[-1][1] if per_day else 0),
            Figure(_("Signatures in all"), total,
                   chart=stats.bars((day.isoformat(), n) for day, n in per_day),
                   note=_("per day, last %(days)d days", days=SPARK_DAYS))]


def gaps(campaign) -> list[Gap]:
    return [Gap(_("Petition: %(title)s", title=petition.text("title")), missing)
            for petition in queries.campaign_petitions(campaign, public_only=False)
            if (missing := missing_languages(petition, campaign.languages))]
