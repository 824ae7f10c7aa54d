"""The public signing form (its field names are a public contract) and organiser forms."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from campaign.core.names import one_line
from wtforms import (BooleanField, DateField, EmailField, Form, IntegerField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import (DataRequired, Email, InputRequired, Length, Optional,
                                ValidationError)

from campaign.core.forms import (SLUG, MaxLength, NumberRange, TextSection, TranslatedForm,
                                 TypoHintForm, no_formula_start, no_urls, plausible_date,
                                 require_text_in)
from campaign.core.i18n import current_language
from campaign.core.countries import CountryField, country_choices
from campaign.petitions.models import PetitionStatus, SignatureState


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def no_control_characters(form, field):
    """Reject invisible control characters (a NUL byte cannot even be stored)."""
    if field.data and _CONTROL_CHARACTERS.search(field.data):
        raise ValidationError(_l("Please remove the invisible control characters."))


class SignForm(TypoHintForm):
    """Fields: name, email, country, comment, public, consent, updates (+ honeypot)."""

    name = StringField(_l("Your name"), filters=[_strip, one_line], validators=[
        DataRequired(message=_l("Please enter your name.")), MaxLength(120),
        no_urls, no_formula_start, no_control_characters])
    email = EmailField(_l("E-mail address"), filters=[_strip], validators=[
        DataRequired(message=_l("Please enter your e-mail address.")), MaxLength(254),
        Email(message=_l("Please enter a valid e-mail address, e.g. name@example.org."))])
    country = CountryField(_l("Country"), validators=[
        DataRequired(message=_l("Please choose your country."))])
    comment = TextAreaField(_l("Comment (optional)"), filters=[_strip], validators=[
        Optional(), MaxLength(1000), no_urls, no_control_characters])
    public = BooleanField(_l("Show my name in the list of signers (the site shows your first "
                             "name and country; the list handed to the addressee shows your "
                             "full name)"))
    consent = BooleanField(_l("I agree that my name, e-mail address and country are stored to "
                              "count and deliver my signature, and that I receive an e-mail "
                              "to confirm it."), validators=[
        DataRequired(message=_l("Please agree, or we cannot count your signature."))])
    updates = BooleanField(_l("Keep me informed about this campaign by e-mail"))
    #: Hidden from people (CSS and aria-hidden); bots that fill every field fill it.
    website = StringField(_l("Leave this field empty"))

    def __init__(self, *args, lang=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.lang = lang or current_language()
        self.country.placeholder = _l("Choose your country")
        self.country.choices = [("", self.country.placeholder)] + country_choices(lang)

    @property
    def is_bot(self) -> bool:
        return bool((self.website.data or "").strip())


class PetitionText(TextSection):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    target = StringField(_l("Addressed to (e.g. EU institutions)"),
                         validators=[Optional(), Length(max=200)])
    text = TextAreaField(_l("Petition text (Markdown)"), validators=[Optional(), Length(max=50000)])
    why = TextAreaField(_l("Why it matters (Markdown)"), validators=[Optional(), Length(max=10000)])


STATUS_LABELS = {
    PetitionStatus.DRAFT: _l("Draft (only organisers see it)"),
    PetitionStatus.OPEN: _l("Open for signatures"),
    PetitionStatus.CLOSED: _l("Closed (shows its final count)"),
}
STATE_LABELS = {
    SignatureState.PENDING: _l("Not yet confirmed"),
    SignatureState.VERIFIED: _l("Confirmed"),
    SignatureState.INVALIDATED: _l("Invalidated"),
}


class PetitionForm(TranslatedForm):
    text_form = PetitionText

    slug = StringField(_l("Address name (slug)"), validators=[DataRequired(), Length(max=80), SLUG])
    goal = IntegerField(_l("Goal (signatures)"), default=1000,
                        validators=[InputRequired(), NumberRange(min=1, max=100_000_000)])
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()),
                         default=PetitionStatus.DRAFT.value)
    opens_on = DateField(_l("Opens on (optional)"), validators=[Optional(), plausible_date])
    closes_on = DateField(_l("Closes after (optional)"), validators=[Optional(), plausible_date])

    def __init__(self, *args, default_language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language = default_language

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.opens_on.data and self.closes_on.data and self.closes_on.data < self.opens_on.data:
            self.closes_on.errors = [_l("The petition cannot close before it opens.")]
            valid = False
        title = require_text_in(self, self.default_language, "title")
        return require_text_in(self, self.default_language, "text") and title and valid


def start_of_day(day: dt.date | None, zone: str) -> dt.datetime | None:
    """Midnight at the start of *day* in *zone*, as aware UTC."""
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(), ZoneInfo(zone)).astimezone(dt.UTC)


def local_day(moment: dt.datetime | None, zone: str, end: bool = False) -> dt.date | None:
    """The day shown in the form: closing at midnight means "closes after" the day before."""
    if moment is None:
        return None
    local = moment.astimezone(ZoneInfo(zone))
    return (local - dt.timedelta(microseconds=1)).date() if end else local.date()


class SignatureFilterForm(Form):
    """The organiser list's filters (GET)."""

    state = SelectField(_l("State"), choices=[("", _l("Any"))] + list(STATE_LABELS.items()),
                        default="")
    country = SelectField(_l("Country"), default="")
    since = DateField(_l("Signed from"), validators=[Optional(), plausible_date])
    until = DateField(_l("Signed until"), validators=[Optional(), plausible_date])
    q = StringField(_l("Name or e-mail contains"), validators=[Optional(), Length(max=100)])
    ip_hash = StringField(_l("IP hash"), validators=[Optional(), Length(max=32)])
    domain = StringField(_l("E-mail domain"), validators=[Optional(), Length(max=254)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Any"))] + country_choices()


class InvalidationForm(FlaskForm):
    """Pick signatures by source and time; previewed by GET, confirmed by POST."""

    ip_hash = StringField(_l("IP hash"), validators=[Optional(), Length(max=32)])
    domain = StringField(_l("E-mail domain"), validators=[Optional(), Length(max=254)])
    since = DateField(_l("Signed from"), validators=[Optional(), plausible_date])
    until = DateField(_l("Signed until"), validators=[Optional(), plausible_date])
