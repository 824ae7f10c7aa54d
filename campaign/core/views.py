"""Site-wide routes: the language redirect at /, the language switch, the health check, the icon."""
from flask import Blueprint, redirect, request, url_for
from sqlalchemy import text

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
