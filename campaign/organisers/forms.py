"""Organiser forms: sign-in, team, invitations, passwords, two-factor sign-in."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from campaign.core.forms import MultiCheckboxField, no_nul
from campaign.organisers.roles import ROLE_LABELS


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), no_nul])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])


class RoleForm(FlaskForm):
    """An owner sets a member's role."""
    role = SelectField(_l("Role"), choices=lambda: [(role.value, label)
                                                    for role, label in ROLE_LABELS.items()])


class RemoveForm(FlaskForm):
    """Only the CSRF token: removing someone is a POST with nothing else to say."""


#: The shortest password an organiser may choose (the CLI asks the same).
MIN_PASSWORD = 10


def _new_password():
    return PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD, max=1000,
                               message=_l("Use at least 10 characters.")),
    ])


def _repeat():
    return PasswordField(_l("The same password again"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))])


class InviteForm(FlaskForm):
    """An owner invites an address to the team in a role."""
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), no_nul,
                                                 Email(message=_l("Enter an e-mail address."))])
    role = SelectField(_l("Role"), choices=lambda: [(role.value, label)
                                                    for role, label in ROLE_LABELS.items()])
    #: Choices set by the view (the campaign's events); used only for the door role.
    events = MultiCheckboxField(_l("Events at the door (for the door role)"), coerce=int,
                                choices=[])


class DoorEventsForm(FlaskForm):
    """An owner chooses the events a door member checks people in at."""
    events = MultiCheckboxField(_l("Events"), coerce=int, choices=[])


class ConfirmForm(FlaskForm):
    """A destructive action confirmed by ticking a box (the button alone is not enough)."""
    confirm = BooleanField(_l("Yes, I am sure"), validators=[DataRequired(
        message=_l("Tick the box to confirm."))])


class JoinForm(FlaskForm):
    """An invitee without an account sets a name and a password."""
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120), no_nul])
    password = _new_password()
    confirm = _repeat()


class AcceptForm(FlaskForm):
    """An invitee with an account accepts by giving its password."""
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), no_nul])


class NewPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _repeat()


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1000)])
    password = _new_password()
    confirm = _repeat()


class CodeForm(FlaskForm):
    """A code from the authenticator app, or a recovery code."""
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20), no_nul])


class PolicyForm(FlaskForm):
    require_two_factor = BooleanField(_l("Every member must use two-factor sign-in"))
