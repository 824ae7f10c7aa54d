"""Organiser pages for letter actions: list, create, edit, close, results and CSV export."""
import datetime as dt
from collections import defaultdict

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from campaign.campaigns import queries as campaign_queries
from campaign.core import csv
from campaign.core.admin import organiser_blueprint, save_or_slug_taken
from campaign.core.forms import fill_language_sections, texts_from
from campaign.extensions import db
from campaign.letters import deliveries, operations, queries
from campaign.letters.forms import RULE_LABELS, STATUS_LABELS, ActionForm
from campaign.letters.models import DeliveryState, LetterTarget
from campaign.organisers import access, navigation

bp = organiser_blueprint("letters_admin", __name__, url_prefix="/organiser/letters")
TEXT_FIELDS = ("title", "explanation", "subject", "body")
EXPORT_COLUMNS = ("delivery_id", "target", "target_country", "political_group", "state",
                  "scheduled_at", "sent_at", "supporter_name", "supporter_email",
                  "supporter_country", "lang", "confirmed_at", "subject")


@bp.context_processor
def labels():
    return {"status_labels": STATUS_LABELS, "rule_labels": RULE_LABELS,
            "delivery_states": list(DeliveryState)}


def dashboard_links(campaign):
    return [navigation.Link(_l("Letters"),
                            url_for("letters_admin.campaign_actions", campaign_id=campaign.id),
                            power="see_counts")]


@bp.get("/campaign/<int:campaign_id>")
@access.requires("see_counts")
def campaign_actions(campaign_id):
    """List a campaign's letter actions with their counts."""
    campaign = campaign_queries.get_campaign(campaign_id)
    actions = queries.campaign_actions(campaign, public_only=False)
    return render_template("letters/admin/list.html", campaign=campaign, actions=actions,
                           counts={a.id: queries.letters_sent(a) for a in actions},
                           targets=len(queries.campaign_targets(campaign.id)))


def _form(campaign, **kwargs):
    return ActionForm(default_language=campaign.default_language, key_dates=campaign.key_dates,
                      targets=queries.campaign_targets(campaign.id), **kwargs)


def _fields(form, zone):
    closes = form.closes_on.data
    closes_at = (dt.datetime.combine(closes + dt.timedelta(days=1), dt.time(), zone)
                 .astimezone(dt.UTC) if closes else None)
    return dict(slug=form.slug.data, status=form.status.data, closes_at=closes_at,
                closing_key_date_id=int(form.closing_key_date_id.data or 0) or None,
                subject_editable=form.subject_editable.data, body_editable=form.body_editable.data,
                max_body_length=form.max_body_length.data, target_rule=form.target_rule.data,
                target_countries=form.target_countries.data or None,
                target_groups=(form.target_groups.data or "").strip() or None,
                picked_target_ids=form.picked.data or [], texts=texts_from(form))


def _save(form, campaign, action=None):
    """Run the write; a taken slug becomes a message next to the field."""
    def write():
        if action is None:
            return operations.create_action(campaign, **_fields(form, campaign.zone))
        operations.update_action(action, **_fields(form, campaign.zone))
        return action
    return save_or_slug_taken(form, write, _("Another letter action already uses this address."))


@bp.route("/campaign/<int:campaign_id>/new", methods=["GET", "POST"])
@access.requires("edit_content")
def new_action(campaign_id):
    """Create a letter action for a campaign."""
    campaign = campaign_queries.get_campaign(campaign_id)
    form = _form(campaign)
    if form.validate_on_submit() and (action := _save(form, campaign)):
        flash(_("Letter action created."), "success")
        return redirect(url_for(".edit_action", action_id=action.id))
    return render_template("letters/admin/form.html", form=form, campaign=campaign, action=None)


@bp.route("/<int:action_id>", methods=["GET", "POST"])
@access.requires("edit_content")
def edit_action(action_id):
    """Edit an action's settings, texts and targets."""
    action = queries.get_action(action_id)
    campaign = action.campaign
    form = _form(campaign, obj=action)
    if not form.is_submitted():
        form.status.data = action.status.value
        form.target_rule.data = action.target_rule.value
        form.closing_key_date_id.data = str(action.closing_key_date_id or "")
        form.picked.data = [t.id for t in action.picked_targets]
        if action.closes_at:
            form.closes_on.data = (action.closes_at.astimezone(campaign.zone)
                                   - dt.timedelta(microseconds=1)).date()
        fill_language_sections(form, action, TEXT_FIELDS)
    if form.validate_on_submit() and _save(form, campaign, action):
        flash(_("Letter action saved."), "success")
        return redirect(url_for(".edit_action", action_id=action.id))
    return render_template("letters/admin/form.html", form=form, campaign=campaign,
                           action=action, selected=queries.selected_targets(action))


@bp.post("/<int:action_id>/close")
@access.requires("edit_content")
def close_action(action_id):
    """Close an action now: no new letters; confirmed ones are still delivered."""
    action = queries.get_action(action_id)
    operations.close_action(action)
    db.session.commit()
    flash(_("The letter action is closed."), "success")
    return redirect(url_for(".edit_action", action_id=action.id))


def _pivot(rows) -> list[tuple[tuple, dict]]:
    """(*values, state, n) rows → [(values, {state: n, "total": n})]."""
    table = defaultdict(lambda: defaultdict(int))
    for *values, state, n in rows:
        table[tuple(values)][state] += n
        table[tuple(values)]["total"] += n
    return sorted(table.items(), key=lambda item: -item[1]["total"])


@bp.get("/<int:action_id>/results")
@access.requires("see_counts")
def results(action_id):
    """Counts by target, country and group, and the letters' delivery state."""
    action = queries.get_action(action_id)
    return render_template(
        "letters/admin/results.html", action=action, letters=queries.letters_sent(action),
        mailto=queries.mailto_clicks(action), states=queries.deliveries_by_state(action),
        waiting_after_close=deliveries.waiting_after_close(action),
        bounces=deliveries.bounces(action),
        by_target=_pivot(queries.deliveries_by(action, LetterTarget.name, LetterTarget.country,
                                               LetterTarget.political_group)),
        by_country=queries.letters_by_country(action), days=queries.letters_per_day(action),
        by_group=_pivot(queries.deliveries_by(action, LetterTarget.political_group)))


@bp.get("/<int:action_id>/export.csv")
@access.requires("export")
def export_csv(action_id):
    """Stream one row per letter to a target, with its delivery state."""
    action = queries.get_action(action_id)
    rows = ([d.id, t.name, t.country, t.political_group, d.state.value, d.scheduled_at,
             d.sent_at, letter.name, letter.email, letter.country, letter.lang,
             letter.confirmed_at, letter.subject]
            for d, letter, t in queries.stream_deliveries(action))
    return csv.response(EXPORT_COLUMNS, rows, f"{action.slug}-letters.csv")
