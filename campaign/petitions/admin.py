"""Organiser pages for petitions: list, create, edit, close."""
import datetime as dt

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from campaign.core.admin import organiser_blueprint, save_or_slug_taken
from campaign.campaigns import queries as campaign_queries
from campaign.core.forms import fill_language_sections, texts_from
from campaign.extensions import db
from campaign.organisers import access, navigation
from campaign.petitions import counter, operations, queries
from campaign.petitions.forms import (STATE_LABELS, STATUS_LABELS, PetitionForm, local_day,
                                      start_of_day)

bp = organiser_blueprint("petitions_admin", __name__, url_prefix="/organiser/petitions")
TEXT_FIELDS = ("title", "target", "text", "why")


@bp.context_processor
def labels():
    return {"status_labels": STATUS_LABELS, "state_labels": STATE_LABELS}


def dashboard_links(campaign):
    return [navigation.Link(_l("Petitions"),
                            url_for("petitions_admin.campaign_petitions", campaign_id=campaign.id))]


@bp.get("/campaign/<int:campaign_id>")
@access.requires("see_counts")
def campaign_petitions(campaign_id):
    """List a campaign's petitions with their counts."""
    campaign = campaign_queries.get_campaign(campaign_id)
    petitions = queries.campaign_petitions(campaign, public_only=False)
    return render_template("petitions/admin/list.html", campaign=campaign, petitions=petitions,
                           totals=counter.counts(p.id for p in petitions))


def _fields(form, zone):
    closes = form.closes_on.data
    return dict(slug=form.slug.data, goal=form.goal.data, status=form.status.data,
                opens_at=start_of_day(form.opens_on.data, zone),
                closes_at=start_of_day(closes + dt.timedelta(days=1), zone) if closes else None,
                texts=texts_from(form))


def _save(form, campaign, petition=None):
    """Run the write; a taken slug becomes a message next to the field."""
    def write():
        if petition is None:
            return operations.create_petition(campaign, **_fields(form, campaign.timezone))
        operations.update_petition(petition, **_fields(form, campaign.timezone))
        return petition
    return save_or_slug_taken(form, write, _("Another petition already uses this address."))


@bp.route("/campaign/<int:campaign_id>/new", methods=["GET", "POST"])
@access.requires("edit_content")
def new_petition(campaign_id):
    """Create a petition for a campaign."""
    campaign = campaign_queries.get_campaign(campaign_id)
    form = PetitionForm(default_language=campaign.default_language)
    if form.validate_on_submit() and (petition := _save(form, campaign)):
        flash(_("Petition created."), "success")
        return redirect(url_for(".edit_petition", petition_id=petition.id))
    return render_template("petitions/admin/form.html", form=form, campaign=campaign,
                           petition=None)


@bp.route("/<int:petition_id>", methods=["GET", "POST"])
@access.requires("edit_content")
def edit_petition(petition_id):
    """Edit a petition's settings and texts."""
    petition = queries.get_petition(petition_id)
    campaign = petition.campaign
    form = PetitionForm(obj=petition, default_language=campaign.default_language)
    if not form.is_submitted():
        form.status.data = petition.status.value
        form.opens_on.data = local_day(petition.opens_at, campaign.timezone)
        form.closes_on.data = local_day(petition.closes_at, campaign.timezone, end=True)
        fill_language_sections(form, petition, TEXT_FIELDS)
    if form.validate_on_submit() and _save(form, campaign, petition):
        flash(_("Petition saved."), "success")
        return redirect(url_for(".edit_petition", petition_id=petition.id))
    return render_template("petitions/admin/form.html", form=form, campaign=campaign,
                           petition=petition, progress=queries.progress(petition, fresh=True))


@bp.post("/<int:petition_id>/close")
@access.requires("edit_content")
def close_petition(petition_id):
    """Close a petition now: the page keeps its final count and loses the form."""
    petition = queries.get_petition(petition_id)
    operations.close_petition(petition)
    db.session.commit()
    flash(_("The petition is closed."), "success")
    return redirect(url_for(".edit_petition", petition_id=petition.id))


@bp.post("/<int:petition_id>/signatures/<int:signature_id>/erase")
@access.requires("see_people")
def erase_signature(petition_id, signature_id):
    """Erase a signer's name, address and comment, and the mail sent to them about it, at
    their request (the signature still counts; invalidate it to take it off the count)."""
    petition = queries.get_petition(petition_id)
    signature = queries.get_signature(petition, signature_id)
    if signature.erased_at is None:
        operations.erase_signature(signature)
        db.session.commit()
        flash(_("The signer's data is erased; the signature still counts."), "success")
    return redirect(url_for("petition_signatures.signatures", petition_id=petition.id))


@bp.post("/<int:petition_id>/signatures/<int:signature_id>/name")
@access.requires("see_people")
def hide_name(petition_id, signature_id):
    """Hide a signer's name from every public list, or show it again (it still counts)."""
    petition = queries.get_petition(petition_id)
    signature = queries.get_signature(petition, signature_id)
    hidden = request.form.get("hidden") == "1"
    operations.set_name_hidden(signature, hidden)
    db.session.commit()
    flash(_("The name is hidden from public pages.") if hidden
          else _("The name is shown again."), "success")
    return redirect(url_for("petition_signatures.signatures", petition_id=petition.id))
