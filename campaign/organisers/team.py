"""Organiser pages for a campaign's team: owners see the members, change roles, remove people,
invite by e-mail (and revoke), and require two-factor sign-in of everyone."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.core.admin import organiser_blueprint
from campaign.core.i18n import current_language
from campaign.extensions import db
from campaign.organisers import access, door_events, invitations, navigation, teams, twofactor
from campaign.organisers.forms import (ConfirmForm, DoorEventsForm, InviteForm, PolicyForm,
                                       RemoveForm, RoleForm)
from campaign.organisers.models import Invitation, Membership, Organiser
from campaign.organisers.roles import ROLE_LABELS, Role

bp = organiser_blueprint("team", __name__, url_prefix="/organiser/team")


def init_app(app):
    """The team page, its dashboard link, and how a membership id finds its campaign."""
    app.register_blueprint(bp)
    access.register_resolver(app, "membership_id", access.by_query(
        db.select(Membership.campaign_id), Membership.id))
    access.register_resolver(app, "invitation_id", access.by_query(
        db.select(Invitation.campaign_id), Invitation.id))
    navigation.register(app, "team", 90, dashboard_links)


def dashboard_links(campaign):
    return [navigation.Link(_("Team"), url_for("team.members", campaign_id=campaign.id),
                            power="manage_team")]


def _membership(membership_id: int) -> Membership:
    """The guard has checked that the membership belongs to the URL's campaign."""
    return db.get_or_404(Membership, membership_id)


@bp.get("/campaign/<int:campaign_id>")
@access.requires("manage_team")
def members(campaign_id, invite_form=None, status=200):
    """List the campaign's team with each member's role (a door member's events), the pending
    invitations, the policy."""
    policy_form = PolicyForm(formdata=None, require_two_factor=twofactor.required(campaign_id))
    choices = door_events.choices(campaign_id)
    invite_form = invite_form or InviteForm(formdata=None, role="door")
    invite_form.events.choices = choices
    team = teams.members(campaign_id)
    return render_template("organisers/team.html", campaign_id=campaign_id,
                           members=team, role_labels=ROLE_LABELS,
                           remove_form=RemoveForm(formdata=None), invite_form=invite_form,
                           invitations=invitations.pending(campaign_id),
                           event_choices=choices,
                           door_events=door_events.chosen_by_membership(campaign_id),
                           may_turn_off=teams.owning_every_team_of(
                               current_user.id, [organiser.id for _m, organiser in team
                                                 if organiser.has_two_factor]),
                           policy_form=policy_form), status


@bp.post("/campaign/<int:campaign_id>/invite")
@access.requires("manage_team")
def invite(campaign_id):
    """Send an invitation link to an address, for a role."""
    form = InviteForm()
    form.events.choices = door_events.choices(campaign_id)
    if form.validate_on_submit():
        try:
            invitations.invite(campaign_id, form.email.data, form.role.data,
                               current_user._get_current_object(), current_language(),
                               event_ids=form.events.data or ())
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for(".members", campaign_id=campaign_id))
        except invitations.AlreadyMember:
            db.session.rollback()
            form.email.errors = [_("This person is already on the team.")]
    return members(campaign_id, invite_form=form, status=400)


@bp.post("/campaign/<int:campaign_id>/invitations/<int:invitation_id>/revoke")
@access.requires("manage_team")
def revoke(campaign_id, invitation_id):
    """Withdraw a pending invitation: its link stops working."""
    if RemoveForm().validate_on_submit():
        invitations.revoke(db.get_or_404(Invitation, invitation_id))
        db.session.commit()
        flash(_("Invitation revoked."), "success")
    return redirect(url_for(".members", campaign_id=campaign_id))


@bp.post("/campaign/<int:campaign_id>/policy")
@access.requires("manage_team")
def policy(campaign_id):
    """Require (or stop requiring) two-factor sign-in of every member."""
    form = PolicyForm()
    if form.validate_on_submit():
        twofactor.set_required(campaign_id, form.require_two_factor.data)
        db.session.commit()
        flash(_("Saved."), "success")
    return redirect(url_for(".members", campaign_id=campaign_id))


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


@bp.post("/campaign/<int:campaign_id>/members/<int:membership_id>/events")
@access.requires("manage_team")
def set_door_events(campaign_id, membership_id):
    """Choose the events a door member checks people in at (the others answer 404 to them)."""
    found = _membership(membership_id)
    form = DoorEventsForm()
    form.events.choices = door_events.choices(campaign_id)
    if found.role == Role.DOOR and form.validate_on_submit():
        door_events.set_events(found, form.events.data or ())
        db.session.commit()
        flash(_("Events at the door saved."), "success")
    elif found.role == Role.DOOR:
        flash(_("Choose among this campaign's events."), "error")
    return redirect(url_for(".members", campaign_id=campaign_id, _anchor=f"member-{found.id}"))


@bp.post("/campaign/<int:campaign_id>/members/<int:membership_id>/two-factor/off")
@access.requires("manage_team")
def turn_off_two_factor(campaign_id, membership_id):
    """Turn off a member's second step (a lost phone); their sessions end."""
    found = _membership(membership_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
        return redirect(url_for(".members", campaign_id=campaign_id))
    organiser = db.session.get(Organiser, found.organiser_id)
    if not teams.owns_every_team_of(current_user.id, organiser.id):
        flash(_("%(name)s is also in another campaign's team: only an operator can turn off "
                "their two-factor sign-in.", name=organiser.name), "error")
    elif organiser.has_two_factor:
        twofactor.turn_off(organiser, by=current_user._get_current_object())
        db.session.commit()
        message = _("Two-factor sign-in is off for %(name)s; their sessions have ended.",
                    name=organiser.name)
        if twofactor.required(campaign_id):
            message += " " + _("They set it up again when they next sign in.")
        flash(message, "success")
    return redirect(url_for(".members", campaign_id=campaign_id))
