"""A signed-in organiser's own account: change the password, turn on two-factor sign-in."""
from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.core.admin import organiser_blueprint
from campaign.extensions import db
from campaign.organisers import access, operations, twofactor
from campaign.organisers.forms import ChangePasswordForm, CodeForm

bp = organiser_blueprint("account", __name__, url_prefix="/organiser/account")


def _me():
    return current_user._get_current_object()


@bp.route("/password", methods=["GET", "POST"])
@access.account
def change_password():
    """A new password needs the current one; every session ends, this one starts again."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if _me().check_password(form.current.data):
            me = _me()
            operations.change_password(me, form.password.data)
            operations.log_in(me)  # the other sessions end; this browser stays signed in
            db.session.commit()
            flash(_("Your password is changed. Every other session has ended."), "success")
            return redirect(url_for("campaigns_admin.dashboard"))
        form.current.errors = [_("The current password is not right.")]
    return render_template("organisers/change_password.html", form=form)


@bp.route("/two-factor", methods=["GET", "POST"])
@access.account
def two_factor():
    """Enrol: scan the QR code (drawn here), confirm with a code, keep the recovery codes."""
    me = _me()
    secret = session.get("totp_enrolment")
    if not secret:
        secret = session["totp_enrolment"] = twofactor.new_secret()
    form = CodeForm()
    if form.validate_on_submit():
        step = twofactor.matching_step(secret, form.code.data)
        if step is not None:
            codes = twofactor.enable(me, secret, step)
            db.session.commit()
            session.pop("totp_enrolment", None)
            return render_template("organisers/recovery_codes.html", codes=codes)
        form.code.errors = [_("This code is not right. Try the newest one from your app.")]
    uri = twofactor.provisioning_uri(secret, me.email)
    return render_template("organisers/two_factor.html", form=form, secret=secret,
                           qr=twofactor.qr_svg(uri), enabled=me.has_two_factor,
                           codes_left=twofactor.recovery_codes_left(me) if me.has_two_factor
                           else 0)
