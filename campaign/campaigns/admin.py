"""Organiser pages for campaigns and their key dates."""
from email.utils import parseaddr

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.campaigns import figures, operations, queries
from campaign.campaigns.forms import KIND_LABELS, STATUS_LABELS, CampaignForm, KeyDateForm
from campaign.core import public_address
from campaign.core.admin import organiser_blueprint, save_or_slug_taken
from campaign.core.forms import fill_language_sections, texts_from
from campaign.extensions import db
from campaign.organisers.navigation import dashboard_links
from campaign.organisers import access

bp = organiser_blueprint("campaigns_admin", __name__, url_prefix="/organiser")


@bp.context_processor
def labels():
    return {"kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS,
            "site_sender": site_address}


def site_address() -> str:
    """The address the site's mail comes from (a campaign chooses only the name)."""
    default = current_app.config.get("MAIL_DEFAULT_SENDER") or ""
    return default[1] if isinstance(default, (tuple, list)) else parseaddr(default)[1]


@bp.get("/")
@access.account
def dashboard():
    """List the organiser's campaigns with the links their role opens."""
    campaigns = queries.campaigns_among(access.roles())
    return render_template("campaigns/admin/dashboard.html", campaigns=campaigns,
                           dashboard_links=dashboard_links, figures_for=figures.figures_for,
                           gaps_for=figures.gaps_for, reached_at=public_address.mismatch())


def _campaign_fields(form):
    return dict(slug=form.slug.data, default_language=form.default_language.data,
                languages=form.languages.data, timezone=form.timezone.data,
                contact_name=form.contact_name.data.strip(),
                contact_email=form.contact_email.data, status=form.status.data,
                sender_name=form.sender_name.data, reply_to=form.reply_to.data,
                privacy_holder=form.privacy_holder.data, privacy_email=form.privacy_email.data,
                texts=texts_from(form))


def _save_campaign(form, campaign=None):
    """Run the write; a taken slug becomes a message next to the field."""
    def write():
        if campaign is None:
            return operations.create_campaign(**_campaign_fields(form),
                                              owner=current_user._get_current_object())
        operations.update_campaign(campaign, **_campaign_fields(form))
        return campaign
    return save_or_slug_taken(form, write, _("Another campaign already uses this address."))


@bp.route("/campaigns/new", methods=["GET", "POST"])
@access.account
def new_campaign():
    """Create a campaign."""
    form = CampaignForm()
    if form.validate_on_submit() and (campaign := _save_campaign(form)):
        flash(_("Campaign created."), "success")
        return redirect(url_for(".edit_campaign", campaign_id=campaign.id))
    return render_template("campaigns/admin/campaign_form.html", form=form, campaign=None)


@bp.route("/campaigns/<int:campaign_id>", methods=["GET", "POST"])
@access.requires("edit_content", post="edit_campaign")
def edit_campaign(campaign_id):
    """Edit a campaign's settings and texts; list its key dates."""
    campaign = queries.get_campaign(campaign_id)
    form = CampaignForm(obj=campaign)
    if not form.is_submitted():
        form.languages.data = campaign.languages
        form.status.data = campaign.status.value
        fill_language_sections(form, campaign, ("title", "summary", "body"))
    if form.validate_on_submit() and _save_campaign(form, campaign):
        flash(_("Campaign saved."), "success")
        return redirect(url_for(".edit_campaign", campaign_id=campaign.id))
    return render_template("campaigns/admin/campaign_form.html", form=form, campaign=campaign,
                           timeline=queries.timeline(campaign))


def _key_date_fields(form):
    return dict(kind=form.kind.data, date=form.date.data, time=form.time.data,
                yearly=form.yearly.data, link=form.link.data, texts=texts_from(form))


@bp.route("/campaigns/<int:campaign_id>/key-dates/new", methods=["GET", "POST"])
@access.requires("edit_content")
def new_key_date(campaign_id):
    """Add a key date to a campaign's calendar."""
    campaign = queries.get_campaign(campaign_id)
    form = KeyDateForm(default_language=campaign.default_language)
    if form.validate_on_submit():
        operations.create_key_date(campaign, **_key_date_fields(form))
        db.session.commit()
        flash(_("Key date added."), "success")
        return redirect(url_for(".edit_campaign", campaign_id=campaign.id))
    return render_template("campaigns/admin/key_date_form.html", form=form, campaign=campaign,
                           key_date=None)


@bp.route("/campaigns/key-dates/<int:key_date_id>", methods=["GET", "POST"])
@access.requires("edit_content")
def edit_key_date(key_date_id):
    """Edit a key date."""
    key_date = queries.get_key_date(key_date_id)
    campaign = key_date.campaign
    form = KeyDateForm(obj=key_date, default_language=campaign.default_language)
    if not form.is_submitted():
        form.kind.data = key_date.kind.value
        fill_language_sections(form, key_date, ("title", "description"))
    if form.validate_on_submit():
        operations.update_key_date(key_date, **_key_date_fields(form))
        db.session.commit()
        flash(_("Key date saved."), "success")
        return redirect(url_for(".edit_campaign", campaign_id=campaign.id))
    return render_template("campaigns/admin/key_date_form.html", form=form, campaign=campaign,
                           key_date=key_date)


@bp.post("/campaigns/key-dates/<int:key_date_id>/delete")
@access.requires("edit_content")
def delete_key_date(key_date_id):
    """Remove a key date."""
    key_date = queries.get_key_date(key_date_id)
    campaign_id = key_date.campaign_id
    operations.delete_key_date(key_date)
    db.session.commit()
    flash(_("Key date removed."), "success")
    return redirect(url_for(".edit_campaign", campaign_id=campaign_id))
