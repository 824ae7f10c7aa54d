"""Organiser pages about targets: the campaign's list and the CSV import with its preview."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.extensions import db
from campaign.letters import importing, operations, queries
from campaign.letters.forms import TargetImportForm
from campaign.letters.models import LetterTarget
from campaign.organisers import access

bp = organiser_blueprint("letter_targets", __name__, url_prefix="/organiser/letters")


@bp.route("/campaign/<int:campaign_id>/targets", methods=["GET", "POST"])
@access.requires("edit_content")
def targets(campaign_id):
    """List the targets; a posted CSV is previewed, and imported once confirmed."""
    campaign = campaign_queries.get_campaign(campaign_id)
    form = TargetImportForm()
    reading = None
    if form.validate_on_submit():
        text = _posted_text(form)
        if text is None:
            form.file.errors = [_("Please choose a CSV file saved as UTF-8.")]
        else:
            reading = importing.read(text)
            if form.confirm.data == "1" and reading.ok:
                added, updated = operations.import_targets(campaign, reading.rows)
                db.session.commit()
                flash(_("Imported: %(added)d new targets, %(updated)d updated.",
                        added=added, updated=updated), "success")
                return redirect(url_for(".targets", campaign_id=campaign.id))
            form.csv_text.data = text
    return render_template("letters/admin/targets.html", campaign=campaign, form=form,
                           reading=reading, targets=queries.campaign_targets(campaign.id),
                           columns=importing.COLUMNS)


def _posted_text(form) -> str | None:
    upload = request.files.get(form.file.name)
    if upload and upload.filename:
        return importing.decode(upload.read())
    return form.csv_text.data or None


@bp.post("/targets/<int:target_id>/delete")
@access.requires("edit_content")
def delete_target(target_id):
    """Remove one target (its queued letters go with it)."""
    target = db.get_or_404(LetterTarget, target_id)
    campaign_id = target.campaign_id
    operations.delete_target(target)
    db.session.commit()
    flash(_("Target removed."), "success")
    return redirect(url_for(".targets", campaign_id=campaign_id))
