"""Public pages: unsubscribe, by link (confirm first) or by one-click POST (RFC 8058)."""
from flask import current_app, render_template, request

from campaign.core.i18n import localized_blueprint
from campaign.core.signing import InvalidToken
from campaign.extensions import csrf, db, limiter
from campaign.mailing import operations
from campaign.mailing.links import key_from_token

bp = localized_blueprint("mailing", __name__)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_UNSUBSCRIBE"], methods=["POST"])
@csrf.exempt  # mail providers POST without cookie or CSRF token; the signed token is the proof
def unsubscribe(lang, token):
    """Ask to confirm the unsubscribe (GET); unsubscribe at once (POST, also one-click)."""
    try:
        key = key_from_token(token)
    except InvalidToken as error:
        return render_template("mailing/unsubscribe_invalid.html", expired=error.expired), \
            410 if error.expired else 404
    if request.method == "POST":
        operations.suppress_key(key)
        db.session.commit()
        return render_template("mailing/unsubscribed.html")
    return render_template("mailing/unsubscribe.html")
