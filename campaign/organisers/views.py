"""Organiser pages outside any campaign: sign-in (with its two-factor step), sign-out,
password reset by mailed link, and accepting an invitation."""
from flask import (Blueprint, current_app, flash, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from campaign import clock
from campaign.core.i18n import current_language
from campaign.core.templating import safe_next
from campaign.extensions import db, limiter
from campaign.organisers import audit, invitations, operations, twofactor
from campaign.organisers.forms import (AcceptForm, CodeForm, JoinForm, LoginForm,
                                       NewPasswordForm, ResetRequestForm)
from campaign.organisers.models import Organiser

bp = Blueprint("organisers", __name__, url_prefix="/organiser")
#: Seconds between a right password and the code that must follow it.
CODE_WINDOW = 300


def _login_limit():
    return current_app.config["RATELIMIT_LOGIN"]


def _address_key():
    """Rate-limit resets per address too, so one address cannot be flooded from many IPs."""
    return "reset:" + operations.normalise_email(request.form.get("email", ""))[:254]


@bp.after_request
def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def _dashboard():
    return redirect(safe_next(request.args.get("next"), url_for("campaigns_admin.dashboard")))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_page():
    """Log an organiser in; unknown e-mail and wrong password get the same answer."""
    form = LoginForm()
    if form.validate_on_submit():
        organiser = operations.authenticate(form.email.data, form.password.data)
        if organiser is not None and organiser.has_two_factor:
            session["pending_login"] = [organiser.id, organiser.session_version,
                                        int(clock.now().timestamp())]
            return redirect(url_for(".login_code", next=request.args.get("next")))
        if organiser is not None:
            operations.log_in(organiser)
            db.session.commit()
            return _dashboard()
        db.session.commit()  # the failure recorded on the account, if there is one
        form.password.errors = [_("The e-mail or the password is not right.")]
    return render_template("organisers/login.html", form=form)


def _pending_organiser() -> Organiser | None:
    """The organiser who gave the right password moments ago in this browser."""
    try:
        organiser_id, version, at = session.get("pending_login") or ()
    except ValueError:
        return None
    if clock.now().timestamp() - at > CODE_WINDOW:
        return None
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None or organiser.session_version != version or not organiser.active:
        return None
    return organiser


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_code():
    """The second step: a code from the authenticator app or a recovery code."""
    organiser = _pending_organiser()
    if organiser is None:
        session.pop("pending_login", None)
        return redirect(url_for(".login_page"))
    form = CodeForm()
    if form.validate_on_submit():
        if twofactor.check(organiser, form.code.data):
            session.pop("pending_login", None)
            operations.log_in(organiser)
            db.session.commit()
            return _dashboard()
        audit.record("sign_in_failed", organiser_id=organiser.id, step="code")
        db.session.commit()
        form.code.errors = [_("This code is not right. Try the newest one from your app.")]
    return render_template("organisers/login_code.html", form=form)


@bp.post("/logout")
def logout():
    """End the organiser's session, and every other copy of it."""
    if current_user.is_authenticated:
        operations.log_out(current_user._get_current_object())
        db.session.commit()
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for(".login_page"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_address_key)
def reset_request():
    """Ask for a reset link; the answer is the same whether the address has an account."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        operations.request_password_reset(form.email.data, current_language())
        db.session.commit()
        return render_template("organisers/reset_sent.html")
    return render_template("organisers/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token):
    """Set a new password from a mailed link (once, within the hour)."""
    reset = operations.reset_from_token(token)
    if reset is None:
        return render_template("organisers/link_ended.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        operations.reset_password(reset, form.password.data)
        db.session.commit()
        logout_user()
        flash(_("Your password is set. Every session has ended; log in with the new one."),
              "success")
        return redirect(url_for(".login_page"))
    return render_template("organisers/reset_password.html", form=form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def invitation(token):
    """Join a team: a new account sets its name and password; an existing one signs in."""
    found = invitations.from_token(token)
    if found is None:
        return render_template("organisers/link_ended.html"), 404
    existing = operations.find_organiser(found.email)
    form = AcceptForm() if existing is not None else JoinForm()
    if form.validate_on_submit():
        if existing is None:
            organiser = invitations.accept_as_new(found, form.name.data, form.password.data)
            operations.log_in(organiser)
            db.session.commit()
            flash(_("Welcome to the team."), "success")
            return redirect(url_for("campaigns_admin.dashboard"))
        if operations.authenticate(found.email, form.password.data) is not None:
            invitations.accept(found, existing)
            db.session.commit()
            logout_user()
            flash(_("You have joined the team. Log in to start."), "success")
            return redirect(url_for(".login_page"))
        db.session.commit()
        form.password.errors = [_("The password is not right.")]
    return render_template("organisers/invitation.html", form=form, invitation=found,
                           existing=existing is not None)
