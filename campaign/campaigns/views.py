"""Public pages: the home page and a campaign's page."""
from flask import render_template
from flask_babel import gettext as _

from campaign.campaigns import queries, sections
from campaign.core import share_image
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
    timeline = queries.timeline(campaign)
    # What is still to come first: a visitor acts on the next date, not on 2017's.
    upcoming = [entry for entry in timeline if not entry.is_past]
    return render_template("campaigns/campaign.html", campaign=campaign,
                           timeline=upcoming + [entry for entry in timeline if entry.is_past],
                           next_key_date=upcoming[0] if upcoming else None,
                           sections=sections.for_campaign(campaign))


@bp.get("/campaigns/<slug>/share.png")
def share_png(lang, slug):
    """The campaign's link-preview image in the page's language."""
    campaign = queries.get_public_campaign(slug)
    return share_image.png_response(share_image.render(campaign.text("title"),
                                                       _("Campaigns for human rights")))
