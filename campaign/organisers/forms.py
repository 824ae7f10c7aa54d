"""Organiser login."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, Length

from campaign.core.forms import no_nul
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
