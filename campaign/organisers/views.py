"""Organiser sign-in and sign-out."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from campaign.core.templating import safe_next
from campaign.extensions import db, limiter
from campaign.organisers import operations
from campaign.organisers.forms import LoginForm

bp = Blueprint("organisers", __name__, url_prefix="/organiser")


@bp.after_request
def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


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
    """End the organiser's session, and every other copy of it."""
    if current_user.is_authenticated:
        operations.log_out(current_user._get_current_object())
        db.session.commit()
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for(".login_page"))

