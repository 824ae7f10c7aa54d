"""The "your data" form: one address."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email

from campaign.core.forms import MaxLength


class AddressForm(FlaskForm):
    email = EmailField(_l("E-mail"), filters=[lambda v: v.strip() if isinstance(v, str) else v],
                       validators=[DataRequired(message=_l("Enter your e-mail address.")),
                                   MaxLength(254),
                                   Email(message=_l("Enter a valid e-mail address, like "
                                                    "name@example.org."))])
