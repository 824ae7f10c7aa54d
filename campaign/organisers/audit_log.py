"""The audit-log page: owners read what was done in their campaign, filtered."""
from datetime import date

from flask import render_template, request, url_for
from flask_babel import gettext as _

from campaign.core.admin import organiser_blueprint
from campaign.organisers import access, audit, navigation, teams

bp = organiser_blueprint("audit_log", __name__, url_prefix="/organiser/audit")


def init_app(app):
    app.register_blueprint(bp)
    navigation.register(app, "audit log", 95, dashboard_links)


def dashboard_links(campaign):
    return [navigation.Link(_("Audit log"), url_for("audit_log.events", campaign_id=campaign.id),
                            power="manage_team")]


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _filters(members) -> audit.Filters:
    kind = request.args.get("kind")
    account = request.args.get("account", type=int)
    return audit.Filters(kind=kind if kind in audit.KIND_LABELS else None,
                         organiser_id=account if account in members else None,
                         start=_day("from"), end=_day("to"))


@bp.get("/campaign/<int:campaign_id>")
@access.requires("manage_team")
def events(campaign_id):
    """Newest first; filter by kind, member and dates (a bad value is ignored, not an error)."""
    members = {organiser.id: organiser.name for _m, organiser in teams.members(campaign_id)}
    filters = _filters(members)
    return render_template("organisers/audit.html", campaign_id=campaign_id,
                           rows=audit.events(campaign_id, filters), filters=filters,
                           members=members, kinds=audit.KIND_LABELS)
