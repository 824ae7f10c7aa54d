"""Organiser forms for campaigns and key dates, with a section per language."""
import re
from email.headerregistry import Address

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, EmailField, SelectField, StringField, TextAreaField,
                     TimeField, URLField)
from wtforms.validators import URL, DataRequired, Email, Length, Optional, ValidationError

from campaign.campaigns.models import CampaignStatus, KeyDateKind
from campaign.core.forms import (SLUG, MultiCheckboxField, TextSection, TranslatedForm, no_nul,
                                 plausible_date, require_text_in, timezone_choices)
from campaign.core.i18n import language_choices, languages

STATUS_LABELS = {
    CampaignStatus.DRAFT: _l("Draft (only organisers see it)"),
    CampaignStatus.ACTIVE: _l("Active"),
    CampaignStatus.ARCHIVED: _l("Archived (visible, marked as over)"),
}
KIND_LABELS = {
    KeyDateKind.PLENARY_DEBATE: _l("Plenary debate"),
    KeyDateKind.PLENARY_VOTE: _l("Plenary vote"),
    KeyDateKind.ANNIVERSARY: _l("Anniversary"),
    KeyDateKind.DEADLINE: _l("Deadline"),
    KeyDateKind.HEARING: _l("Hearing"),
    KeyDateKind.OTHER: _l("Other"),
}


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029<>]")


def one_plain_line(form, field):
    """Refuse line breaks, other control characters and angle brackets: what would let a
    value add a header or a second address to an e-mail."""
    if field.data and _CONTROL.search(field.data):
        raise ValidationError(_l("Write it on one line, without < or > or control characters."))


class CampaignText(TextSection):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=2000)])
    body = TextAreaField(_l("Text (Markdown)"), validators=[Optional(), Length(max=50000)])


class CampaignForm(TranslatedForm):
    text_form = CampaignText

    slug = StringField(_l("Address name (slug)"), validators=[DataRequired(), Length(max=80), SLUG])
    default_language = SelectField(_l("Default language"), choices=language_choices)
    languages = MultiCheckboxField(_l("Offered in"), choices=language_choices,
                                   default=lambda: list(languages()))
    timezone = SelectField(_l("Time zone"), choices=timezone_choices, default="Europe/Brussels")
    contact_name = StringField(_l("Contact person"),
                               validators=[DataRequired(), Length(max=120), no_nul])
    contact_email = EmailField(_l("Contact e-mail"),
                               validators=[DataRequired(), Length(max=254), Email()])
    privacy_holder = StringField(_l("Who holds supporters' data (organisation, postal address)"),
                                 validators=[Optional(), Length(max=300), no_nul])
    privacy_email = EmailField(_l("E-mail for questions about their data"),
                               validators=[Optional(), Length(max=254), Email()])
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()),
                         default=CampaignStatus.DRAFT.value)
    sender_name = StringField(_l("Sender name"), validators=[Optional(), Length(max=80),
                                                             one_plain_line])
    reply_to = EmailField(_l("Reply-To address"), validators=[
        Optional(), Length(max=254), one_plain_line,
        Email(message=_l("Enter a valid e-mail address, e.g. team@example.org."))])

    def validate_reply_to(self, field):
        """An address a mail header can carry as it is (no quoting, no line breaks)."""
        if field.data:
            try:
                Address(addr_spec=field.data.strip())
            except (ValueError, IndexError):
                raise ValidationError(_l("Enter a valid e-mail address, e.g. "
                                         "team@example.org.")) from None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.languages.data:
            self.languages.errors = [_l("Choose at least one language.")]
            valid = False
        elif self.default_language.data not in self.languages.data:
            self.default_language.errors = [_l("The default language must be one of the "
                                               "languages offered.")]
            valid = False
        if self.default_language.data not in languages():
            return False  # not one of the choices: the field already says so
        return require_text_in(self, self.default_language.data) and valid


class KeyDateText(TextSection):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])


class KeyDateForm(TranslatedForm):
    text_form = KeyDateText

    kind = SelectField(_l("Kind"), choices=list(KIND_LABELS.items()),
                       default=KeyDateKind.OTHER.value)
    date = DateField(_l("Date"), validators=[DataRequired(message=_l("Enter a date.")),
                                             plausible_date])
    time = TimeField(_l("Time (leave empty for all day)"), validators=[Optional()])
    yearly = BooleanField(_l("Every year on this day (anniversary)"))
    link = URLField(_l("Link"), validators=[Optional(), Length(max=500), no_nul,
                                             URL(message=_l("Enter a full web address, "
                                                            "starting with https://."))])

    def __init__(self, *args, default_language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language = default_language

    def validate_link(self, field):
        if field.data and not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError(_l("Enter a full web address, starting with https://."))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return require_text_in(self, self.default_language) and valid


(KeyDateForm, KeyDateText)
