"""The organiser's embeds page: allowed websites, and snippets for each petition and event."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.core.i18n import language_name
from campaign.embeds import operations, queries, snippets
from campaign.embeds.forms import OriginsForm
from campaign.events import queries as event_queries
from campaign.extensions import db
from campaign.organisers import access, navigation
from campaign.petitions import queries as petition_queries

bp = organiser_blueprint("embeds_admin", __name__, url_prefix="/organiser/embeds")


def dashboard_links(campaign):
    return [navigation.Link(_l("Embeds"), url_for("embeds_admin.embeds", campaign_id=campaign.id),
                            power="edit_content")]


@bp.route("/campaign/<int:campaign_id>", methods=["GET", "POST"])
@access.requires("edit_content", post="edit_campaign")
def embeds(campaign_id):
    """Show the snippets; owners set which websites may frame the forms."""
    campaign = campaign_queries.get_campaign(campaign_id)
    allowed = queries.allowed_origins(campaign.id)
    form = OriginsForm(data={"allowed_origins": "\n".join(allowed)})
    if form.validate_on_submit():
        if operations.set_allowed_origins(campaign, form.origins):
            db.session.commit()
            flash(_("The list of websites is saved."), "success")
        return redirect(url_for(".embeds", campaign_id=campaign.id))
    lang = request.args.get("lang")
    if lang not in campaign.languages:
        lang = campaign.default_language
    petitions = petition_queries.campaign_petitions(campaign, public_only=False)
    events = event_queries.events_of(campaign)
    return render_template(
        "embeds/admin/embeds.html", campaign=campaign, form=form, allowed=allowed, lang=lang,
        languages=[(code, language_name(code)) for code in campaign.languages],
        may_edit=access.may("edit_campaign", campaign.id),
        resize_script=snippets.resize_script(),
        petitions=[(p, snippets.for_petition(p, lang)) for p in petitions],
        events=[(e, snippets.for_event(e, lang)) for e in events])
