"""The public letter form (its field names are a public contract) and organiser forms."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, EmailField, HiddenField, IntegerField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from campaign.core.forms import (SLUG, MaxLength, MultiCheckboxField, NumberRange,
                                 TextSection, TranslatedForm, TypoHintForm, no_formula_start,
                                 no_urls, plausible_date, require_text_in)
from campaign.letters.models import ActionStatus, TargetRule

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: The longest subject a supporter may send (a mail header: keep it short).
MAX_SUBJECT = 200


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _lines(value):
    """Text as typed, with one kind of line break (browsers send CRLF)."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(value, str) \
        else value


def no_control_characters(form, field):
    """Reject invisible control characters (a NUL byte cannot even be stored)."""
    if field.data and _CONTROL_CHARACTERS.search(field.data):
        raise ValidationError(_l("Please remove the invisible control characters."))


def one_line(form, field):
    """A subject is a mail header: one line."""
    if field.data and ("\n" in field.data or "\r" in field.data):
        raise ValidationError(_l("Please keep the subject on one line."))


class LetterForm(TypoHintForm):
    """Fields: country, subject, body, name, email, consent, updates (+ honeypot)."""

    country = HiddenField(validators=[DataRequired(message=_l("Please choose your country."))])
    subject = StringField(_l("Subject"), filters=[_strip], validators=[
        DataRequired(message=_l("Please write a subject.")), MaxLength(MAX_SUBJECT),
        one_line, no_control_characters])
    body = TextAreaField(_l("Your letter"), filters=[_lines], validators=[
        DataRequired(message=_l("Please write your letter.")), no_control_characters])
    name = StringField(_l("Your name"), filters=[_strip], validators=[
        DataRequired(message=_l("Please enter your name.")), MaxLength(120),
        no_urls, no_formula_start, no_control_characters])
    email = EmailField(_l("E-mail address"), filters=[_strip], validators=[
        DataRequired(message=_l("Please enter your e-mail address.")), MaxLength(254),
        Email(message=_l("Please enter a valid e-mail address, e.g. name@example.org."))])
    consent = BooleanField(_l("I agree that my name, e-mail address, country and letter are "
                              "stored to send my letter, that my representatives receive them "
                              "and can reply to me, and that I receive an e-mail to confirm it."),
                           validators=[DataRequired(
                               message=_l("Please agree, or we cannot send your letter."))])
    updates = BooleanField(_l("Keep me informed about this campaign by e-mail"))
    #: Hidden from people (CSS and aria-hidden); bots that fill every field fill it.
    website = StringField(_l("Leave this field empty"))

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action is not None:
            self.body.validators = [*self.body.validators, Length(
                max=action.max_body_length,
                message=_l("Please keep your letter under %(max)d characters.",
                           max=action.max_body_length))]
            self.body.flags.maxlength = action.max_body_length  # the counter, not a cut

    def use_suggested_text(self, subject: str, body: str, fill_empty: bool) -> None:
        """The organisers' wording where the supporter may not change it, and with
        *fill_empty* (a fresh form) where they have not written anything yet."""
        if not self.action.subject_editable or (fill_empty and not self.subject.data):
            self.subject.data = subject
        if not self.action.body_editable or (fill_empty and not self.body.data):
            self.body.data = body

    @property
    def is_bot(self) -> bool:
        return bool((self.website.data or "").strip())


class ActionText(TextSection):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    explanation = TextAreaField(_l("Why write, and to whom (Markdown)"),
                                validators=[Optional(), Length(max=20000)])
    subject = StringField(_l("Suggested subject"), validators=[Optional(), Length(max=200)])
    body = TextAreaField(_l("Suggested letter (plain text)"),
                         validators=[Optional(), Length(max=20000)])


STATUS_LABELS = {
    ActionStatus.DRAFT: _l("Draft (only organisers see it)"),
    ActionStatus.OPEN: _l("Open for letters"),
    ActionStatus.CLOSED: _l("Closed (shows its final count)"),
}
RULE_LABELS = {
    TargetRule.ALL: _l("All the campaign's targets"),
    TargetRule.COUNTRY: _l("Targets of the countries below"),
    TargetRule.GROUP: _l("Targets of the political groups below"),
    TargetRule.PICKED: _l("Only the targets ticked below"),
}


class ActionForm(TranslatedForm):
    text_form = ActionText

    slug = StringField(_l("Address name (slug)"), validators=[DataRequired(), Length(max=80), SLUG])
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()),
                         default=ActionStatus.DRAFT.value)
    closing_key_date_id = SelectField(_l("Closes when this key date starts"), coerce=str,
                                      default="")
    closes_on = DateField(_l("Or closes after (optional)"), validators=[Optional(),
                                                                         plausible_date])
    subject_editable = BooleanField(_l("Supporters may edit the subject"), default=True)
    body_editable = BooleanField(_l("Supporters may edit the letter"), default=True)
    max_body_length = IntegerField(_l("Longest letter (characters)"), default=5000, validators=[
        InputRequired(), NumberRange(min=100, max=20000)])
    target_rule = SelectField(_l("Who receives the letters"), choices=list(RULE_LABELS.items()),
                              default=TargetRule.ALL.value)
    target_countries = StringField(_l("Countries (codes, comma-separated, e.g. BE, PL)"),
                                   validators=[Optional(), Length(max=400)])
    target_groups = TextAreaField(_l("Political groups (one per line)"),
                                  validators=[Optional(), Length(max=2000)])
    picked = MultiCheckboxField(_l("Targets"), coerce=int, validate_choice=False)

    def __init__(self, *args, default_language="en", key_dates=(), targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language = default_language
        self.closing_key_date_id.choices = [("", _l("None"))] + [
            (str(k.id), f"{k.date.isoformat()} {k.text('title')}") for k in key_dates]
        self.picked.choices = [(t.id, f"{t.name} ({t.country}, {t.political_group or '—'})")
                               for t in targets]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        codes = [c.strip().upper() for c in (self.target_countries.data or "").split(",")
                 if c.strip()]
        if any(not re.fullmatch(r"[A-Z]{2}", c) for c in codes):
            self.target_countries.errors = [_l("Use two-letter country codes, e.g. BE, PL.")]
            valid = False
        self.target_countries.data = ",".join(codes)
        required = [require_text_in(self, self.default_language, f)
                    for f in ("title", "subject", "body")]
        return all(required) and valid


class TargetImportForm(FlaskForm):
    """A CSV file to preview; the preview posts its text back with ``confirm``."""

    file = FileField(_l("CSV file"))
    csv_text = TextAreaField(validators=[Optional(), Length(max=2_000_000)])
    confirm = HiddenField()
