"""The owner's form for a new endpoint (its URL checked against private networks)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import URLField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from campaign.core.forms import MultiCheckboxField
from campaign.webhooks import ssrf
from campaign.webhooks.operations import EVENTS


class EndpointForm(FlaskForm):
    url = URLField(_l("Address (URL) that receives the events"),
                   validators=[DataRequired(), Length(max=500)])
    events = MultiCheckboxField(_l("Events to send"), choices=lambda: [
        SelectChoice(name, label) for name, label in EVENTS.items()],
        validators=[DataRequired(_l("Choose at least one event."))])

    def validate_url(self, field):
        try:
            ssrf.resolve(field.data)
        except ssrf.Refused as refused:
            raise ValidationError(str(refused.reason)) from None
