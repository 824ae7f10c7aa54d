"""The mail log's filter (a GET form) and the "send a test message" form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SearchField, SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from campaign.mailing import kinds
from campaign.core.i18n import language_choices
from campaign.mailing.models import MessageStatus

STATUS_LABELS = {
    MessageStatus.QUEUED: _l("Queued"),
    MessageStatus.SENDING: _l("Sending"),
    MessageStatus.SENT: _l("Sent"),
    MessageStatus.FAILED: _l("Failed"),
    MessageStatus.SUPPRESSED: _l("Not sent: unsubscribed"),
    MessageStatus.CANCELLED: _l("Cancelled"),
}


class LogFilterForm(FlaskForm):
    """Read from the query string; a search needs no CSRF token."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False, choices=[
        SelectChoice("", _l("Any status"))] + [
        SelectChoice(status.value, label) for status, label in STATUS_LABELS.items()])
    q = SearchField(_l("Address contains"), validators=[Optional(), Length(max=254)])
    campaign = HiddenField()

    def set_kinds(self, names):
        self.kind.choices = [SelectChoice("", _l("Any kind"))] + [
            SelectChoice(name, kinds.label(name)) for name in names]


class TestMessageForm(FlaskForm):
    to = EmailField(_l("Send a test message to"),
                    validators=[DataRequired(), Email(), Length(max=254)])
    lang = SelectField(_l("Language"), choices=lambda: [
        SelectChoice(code, name) for code, name in language_choices()])
