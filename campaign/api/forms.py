"""The owners' form for a new API token."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from campaign.core.forms import no_nul
from campaign.organisers.roles import ROLE_LABELS


class TokenForm(FlaskForm):
    name = StringField(_l("What it is for (e.g. CRM sync, our website)"),
                       validators=[DataRequired(), Length(max=120), no_nul])
    role = SelectField(_l("Role: the token can do what a member with this role can"),
                       choices=lambda: [(role.value, label) for role, label
                                        in ROLE_LABELS.items()], default="viewer")


class RevokeForm(FlaskForm):
    """Only the CSRF token."""
