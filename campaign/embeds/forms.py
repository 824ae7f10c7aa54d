"""The organiser's form: which websites may show the campaign's forms in a frame."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, ValidationError

from campaign.embeds import origins


class OriginsForm(FlaskForm):
    allowed_origins = TextAreaField(_l("Websites that may show the forms (one per line)"),
                                    validators=[Length(max=8000)])

    def validate_allowed_origins(self, field):
        try:
            self.origins = origins.parse(field.data or "")
        except origins.BadOrigin as error:
            raise ValidationError(error.args[0]) from error
