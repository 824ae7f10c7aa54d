"""Organiser login."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from campaign.core.forms import no_nul


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), no_nul])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])
