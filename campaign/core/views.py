"""Site-wide routes: the language redirect at /, the language switch, the health check, the icon."""
from flask import Blueprint, abort, redirect, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import text

from campaign.core import share_image
from campaign.core.i18n import LANGUAGE_COOKIE, languages, preferred_language
from campaign.core.templating import safe_next
from campaign.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/")
def root():
    """Send the visitor to the home page in their language."""
    return redirect(url_for("campaigns.home", lang=preferred_language()))


@bp.get("/language/<code>")
def set_language(code):
    """Remember the chosen language and go back to the page the visitor was on."""
    target = safe_next(request.args.get("next"))
    response = redirect(target)
    if code in languages():
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=request.is_secure)
    return response


@bp.get("/favicon.ico")
def favicon():
    """Browsers and feed readers that look for /favicon.ico get the site's icon."""
    return redirect(url_for("static", filename="img/favicon.svg"), code=301)


@bp.get("/healthz")
def healthz():
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database means "not healthy"
        db.session.rollback()
        return {"status": "unavailable", "database": "down"}, 503
    return {"status": "ok", "database": "up"}


@bp.get("/share/<lang>.png")
def share_png(lang):
    """The site's share image in *lang*, for pages without one of their own."""
    if lang not in languages():
        abort(404)
    with force_locale(lang):
        return share_image.png_response(share_image.render(
            _("Events, petitions and key dates for human rights, in your language."),
            _("Campaigns for human rights")))
