"""The audit-log page: owners read what was done in their campaign, filtered."""
from datetime import date

from flask import render_template, request, url_for
from flask_babel import gettext as _

from campaign.core.admin import organiser_blueprint
from campaign.core.routing import page_number
from campaign.organisers import access, audit, navigation, teams

bp = organiser_blueprint("audit_log", __name__, url_prefix="/organiser/audit")
#: Events per page.
PER_PAGE = 50


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
    """Newest first, a page at a time; filter by kind, member and dates (a bad value is
    ignored, not an error); the page links keep the filters."""
    members = {organiser.id: organiser.name for _m, organiser in teams.members(campaign_id)}
    filters = _filters(members)
    page = page_number(request.args.get("page"))
    rows = audit.events(campaign_id, filters, limit=PER_PAGE + 1, offset=(page - 1) * PER_PAGE)
    kept = {key: value for key, value in request.args.items()
            if key in ("kind", "account", "from", "to") and value}

    def page_url(number):
        return url_for(".events", campaign_id=campaign_id, **kept, page=number)

    return render_template("organisers/audit.html", campaign_id=campaign_id,
                           rows=rows[:PER_PAGE], filters=filters, members=members,
                           kinds=audit.KIND_LABELS, page=page,
                           previous_url=page_url(page - 1) if page > 1 else None,
                           next_url=page_url(page + 1) if len(rows) > PER_PAGE else None)
