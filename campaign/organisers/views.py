"""Organiser sign-in and sign-out."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import logout_user
from sqlalchemy.exc import OperationalError

from campaign.core.templating import safe_next
from campaign.extensions import db, limiter, login
from campaign.organisers import operations
from campaign.organisers.forms import LoginForm
from campaign.organisers.models import Organiser

bp = Blueprint("organisers", __name__, url_prefix="/organiser")

def init_login(app):
    """Send visitors who are not signed in to the sign-in page; find a session's organiser."""
    login.login_view = "organisers.login_page"
    login.login_message = _l("Please log in to see this page.")
    login.login_message_category = "info"
    login.user_loader(load_organiser)


def load_organiser(organiser_id):
    try:
        organiser = db.session.get(Organiser, int(organiser_id))
    except (ValueError, OperationalError):
        return None
    return organiser if organiser is not None and organiser.active else None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def login_page():
    """Log an organiser in; unknown e-mail and wrong password get the same answer."""
    form = LoginForm()
    if form.validate_on_submit():
        organiser = operations.authenticate(form.email.data, form.password.data)
        if organiser is not None:
            operations.log_in(organiser)
            db.session.commit()
            return redirect(safe_next(request.args.get("next"),
                                      url_for("campaigns_admin.dashboard")))
        form.password.errors = [_("The e-mail or the password is not right.")]
    return render_template("organisers/login.html", form=form)


@bp.post("/logout")
def logout():
    """End the organiser's session."""
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for(".login_page"))

