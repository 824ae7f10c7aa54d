"""Public pages: the home page and a campaign's page."""
from flask import render_template

from campaign.campaigns import queries, sections
from campaign.core.i18n import localized_blueprint
from campaign.core.pagecache import cached_page

bp = localized_blueprint("campaigns", __name__)


@bp.get("/")
def home(lang):
    """List the active campaigns."""
    return render_template("campaigns/home.html", campaigns=queries.active_campaigns())


@bp.get("/campaigns/<slug>")
@cached_page
def campaign_page(lang, slug):
    """Show a campaign: its story, the key-date timeline, events, petitions and contact."""
    campaign = queries.get_public_campaign(slug)
    return render_template("campaigns/campaign.html", campaign=campaign,
                           timeline=queries.timeline(campaign),
                           sections=sections.for_campaign(campaign))
