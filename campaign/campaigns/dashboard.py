"""The campaign's own part of the organisers' dashboard: the next key date, texts lacking a
language."""
from flask_babel import gettext as _

from campaign.campaigns import queries
from campaign.campaigns.figures import Figure, Gap, missing_languages
from campaign.core import i18n


def figures(campaign) -> list[Figure]:
    coming = next((entry for entry in queries.timeline(campaign) if entry.is_next), None)
    if coming is None:
        return [Figure(_("Next key date"), _("none planned"))]
    return [Figure(_("Next key date"), i18n.format_day(coming.day),
                   note=coming.key_date.text("title"))]


def gaps(campaign) -> list[Gap]:
    found = []
    if missing := missing_languages(campaign, campaign.languages):
        found.append(Gap(_("Campaign page"), missing))
    found += [Gap(_("Key date: %(title)s", title=key_date.text("title")), missing)
              for key_date in campaign.key_dates
              if (missing := missing_languages(key_date, campaign.languages))]
    return found
