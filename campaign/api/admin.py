"""The owners' page of API tokens: create one (shown once), see when each was last used,
revoke."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.api import tokens
from campaign.api.forms import RevokeForm, TokenForm
from campaign.api.models import ApiToken
from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.extensions import db
from campaign.organisers import access, navigation
from campaign.organisers.roles import ROLE_LABELS

bp = organiser_blueprint("api_admin", __name__, url_prefix="/organiser/api")


def dashboard_links(campaign):
    return [navigation.Link(_("API tokens"), url_for("api_admin.tokens_page",
                                                     campaign_id=campaign.id),
                            power="manage_team")]


@bp.get("/campaign/<int:campaign_id>/tokens")
@access.requires("manage_team")
def tokens_page(campaign_id, form=None, new_secret=None, status=200):
    """List the campaign's API tokens and offer a new one."""
    return render_template("api/admin/tokens.html",
                           campaign=campaign_queries.get_campaign(campaign_id),
                           tokens=tokens.tokens_of(campaign_id), role_labels=ROLE_LABELS,
                           form=form or TokenForm(formdata=None),
                           new_secret=new_secret), status


@bp.post("/campaign/<int:campaign_id>/tokens")
@access.requires("manage_team")
def create_token(campaign_id):
    """Create a token and show it this once (the page is never stored: no-store)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return tokens_page(campaign_id, form=form, status=400)
    _token, secret = tokens.create_token(campaign_id, form.name.data, form.role.data,
                                         created_by_id=current_user.id)
    db.session.commit()
    return tokens_page(campaign_id, new_secret=secret)


@bp.post("/campaign/<int:campaign_id>/tokens/<int:api_token_id>/revoke")
@access.requires("manage_team")
def revoke_token(campaign_id, api_token_id):
    """Revoke a token: it stops working at once."""
    if RevokeForm().validate_on_submit():
        if tokens.revoke(db.get_or_404(ApiToken, api_token_id), current_user.id):
            db.session.commit()
            flash(_("The token is revoked; it no longer works."), "success")
    return redirect(url_for(".tokens_page", campaign_id=campaign_id))
