"""The organiser form for a key-date reminder: when, to whom, and the text per language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from campaign.core.forms import TextSection, TranslatedForm
from campaign.core.i18n import language_name

MAX_DAYS_BEFORE = 365


class ReminderText(TextSection):
    subject = StringField(_l("Subject"), validators=[Optional(), Length(max=300)])
    body = TextAreaField(_l("Message (Markdown)"), validators=[Optional(), Length(max=20000)])


class ReminderForm(TranslatedForm):
    text_form = ReminderText

    days_before = IntegerField(
        _l("Days before the date"),
        validators=[InputRequired(message=_l("Enter a number of days, 0 for the day itself.")),
                    NumberRange(min=0, max=MAX_DAYS_BEFORE,
                                message=_l("Enter a number of days from 0 to %(max)d.",
                                           max=MAX_DAYS_BEFORE))],
        default=1)
    time_of_day = TimeField(_l("At (local time)"),
                            validators=[InputRequired(message=_l("Enter a time, e.g. 08:00."))])
    audience = SelectField(_l("Send to"))
    catch_up = BooleanField(_l("If the mail worker was down at that time, still send it later "
                               "the same day"))

    def __init__(self, *args, audience_choices=(), languages=("en",), default_language="en",
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.audience.choices = list(audience_choices)
        self.languages = list(languages)
        self.default_language = default_language

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.catch_up.data and self.days_before.data not in (0, None):
            self.catch_up.errors = list(self.catch_up.errors) + [
                _l("Catching up only applies to reminders on the day itself (0 days before).")]
            valid = False
        for lang in self.languages:
            valid = self._check_text(lang) and valid
        return valid

    def _check_text(self, lang: str) -> bool:
        """Subject and body go together; the default language needs both."""
        section = getattr(self, f"text_{lang}")
        subject, body = ((section[name].data or "").strip() for name in ("subject", "body"))
        if not subject and not body and lang != self.default_language:
            return True
        ok = True
        for name, value in (("subject", subject), ("body", body)):
            if not value:
                message = (_l("Required in %(language)s, the default language.",
                              language=language_name(lang)) if lang == self.default_language
                           else _l("Write both the subject and the message, or neither."))
                section[name].errors = list(section[name].errors) + [message]
                ok = False
        return ok
