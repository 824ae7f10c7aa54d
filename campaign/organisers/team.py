"""Organiser pages for a campaign's team: owners see the members, change roles, remove people."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from campaign.core.admin import organiser_blueprint
from campaign.extensions import db
from campaign.organisers import access, navigation, teams
from campaign.organisers.forms import RemoveForm, RoleForm
from campaign.organisers.models import Membership, Organiser
from campaign.organisers.roles import ROLE_LABELS

bp = organiser_blueprint("team", __name__, url_prefix="/organiser/team")


def init_app(app):
    """The team page, its dashboard link, and how a membership id finds its campaign."""
    app.register_blueprint(bp)
    access.register_resolver(app, "membership_id", access.by_query(
        db.select(Membership.campaign_id), Membership.id))
    navigation.register(app, "team", 90, dashboard_links)


def dashboard_links(campaign):
    return [navigation.Link(_("Team"), url_for("team.members", campaign_id=campaign.id),
                            power="manage_team")]


def _membership(membership_id: int) -> Membership:
    """The guard has checked that the membership belongs to the URL's campaign."""
    return db.get_or_404(Membership, membership_id)


@bp.get("/campaign/<int:campaign_id>")
@access.requires("manage_team")
def members(campaign_id):
    """List the campaign's team with each member's role."""
    return render_template("organisers/team.html", campaign_id=campaign_id,
                           members=teams.members(campaign_id), role_labels=ROLE_LABELS,
                           remove_form=RemoveForm(formdata=None))


@bp.post("/campaign/<int:campaign_id>/members/<int:membership_id>/role")
@access.requires("manage_team")
def change_role(campaign_id, membership_id):
    """Give a member another role."""
    found = _membership(membership_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            teams.set_role(db.session.get(Organiser, found.organiser_id), campaign_id,
                           form.role.data)
            db.session.commit()
            flash(_("Role changed."), "success")
        except teams.LastOwner:
            db.session.rollback()
            flash(_("A campaign keeps at least one owner."), "error")
    return redirect(url_for(".members", campaign_id=campaign_id))


@bp.post("/campaign/<int:campaign_id>/members/<int:membership_id>/remove")
@access.requires("manage_team")
def remove(campaign_id, membership_id):
    """Take someone off the team; their sessions end at once."""
    found = _membership(membership_id)
    if RemoveForm().validate_on_submit():
        try:
            teams.remove_member(found)
            db.session.commit()
            flash(_("Removed from the team; their sessions have ended."), "success")
        except teams.LastOwner:
            db.session.rollback()
            flash(_("A campaign keeps at least one owner."), "error")
    return redirect(url_for(".members", campaign_id=campaign_id))
