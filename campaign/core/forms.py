"""Form pieces shared by every domain: per-language sub-forms, checkbox lists, slugs."""
import json
import re
from functools import cache
from importlib import resources
from types import SimpleNamespace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

from flask import current_app, request
from flask_babel import lazy_gettext as _l, ngettext
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from wtforms import Form, FormField, SelectMultipleField, StringField, widgets
from wtforms import validators
from wtforms.validators import Regexp, ValidationError

from campaign.core.i18n import language_name, languages
from campaign.core import typos
from campaign.core.typos import suggest_address
from campaign.extensions import csrf
SLUG = Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
              message=_l("Use lower-case letters, digits and single hyphens, e.g. brussels-protest."))
_URL_IN_TEXT = re.compile(r"(https?://|www\.)", re.I)


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (offered languages, audiences)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class _TranslatedFormMeta(type(FlaskForm)):
    """Builds, once per set of configured languages, the subclass that has the sections."""

    def __call__(cls, *args, **kwargs):
        if cls.text_form is None or "_languages" in cls.__dict__:
            return super().__call__(*args, **kwargs)
        codes = languages()
        built = cls.__dict__.get("_built")
        if built is None:
            built = {}
            setattr(cls, "_built", built)
        if codes not in built:
            sections = {f"text_{code}": FormField(cls.text_form, label=language_name(code))
                        for code in codes}
            built[codes] = type(cls)(cls.__name__, (cls,), {"_languages": codes, **sections})
        return built[codes](*args, **kwargs)


class TranslatedForm(FlaskForm, metaclass=_TranslatedFormMeta):
    """A form with one sub-form of :attr:`text_form` per configured language: ``text_en``,
    ``text_ru``… (the languages come from the LANGUAGES setting alone)."""

    #: The per-language sub-form (a :class:`TextSection`).
    text_form = None


def language_sections(form):
    """(code, sub-form) for each language section of *form*."""
    return [(code, getattr(form, f"text_{code}")) for code in form._languages]


def texts_from(form) -> dict[str, dict]:
    """{lang: {field: value}} from the language sections of a validated form."""
    return {code: dict(section.data) for code, section in language_sections(form)}


def require_text_in(form, lang: str, field: str = "title") -> bool:
    """Flag *field* as missing in the *lang* section; returns whether it is present."""
    section = getattr(form, f"text_{lang}")
    if (section[field].data or "").strip():
        return True
    section[field].errors = list(section[field].errors) + [
        _l("Required in %(language)s, the default language.", language=language_name(lang))]
    return False


#: Zones offered first: where the campaigns' events usually happen.
COMMON_ZONES = ("Europe/Brussels", "Europe/Warsaw", "Europe/Berlin",
                "Europe/Paris", "Europe/London", "Europe/Vilnius", "Europe/Riga",
                "Europe/Kyiv", "Europe/Chisinau", "Europe/Istanbul", "Asia/Tbilisi",
                "Asia/Yerevan", "Asia/Almaty", "Asia/Tashkent", "Asia/Bishkek",
                "America/New_York")


@cache
def canonical_zones() -> list[str]:
    """The tz database's own zone names (zone.tab), without the old aliases (Europe/Kiev,
    US/Eastern…) that ``available_timezones`` also lists."""
    try:
        table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError):  # no tzdata package: the system's list
        return sorted(z for z in available_timezones() if "/" in z
                      and not z.startswith(("Etc/", "SystemV/", "posix/", "right/", "US/")))
    names = {line.split("\t")[2] for line in table.splitlines()
             if line and not line.startswith("#")}
    return sorted(names & available_timezones())


def timezone_choices() -> dict:
    """The zone select's groups: the common zones first, then every other one (a callable
    choice list: the group names are translated when the form is made)."""
    every = canonical_zones()
    common = [zone for zone in COMMON_ZONES if zone in every]
    return {str(_l("Common zones")): [(zone, zone) for zone in common],
            str(_l("All zones")): [(zone, zone) for zone in every if zone not in common]}


def no_urls(form, field):
    """Reject names that carry links (a common spam pattern)."""
    if field.data and _URL_IN_TEXT.search(field.data):
        raise ValidationError(_l("Please do not put web addresses here."))


def no_formula_start(form, field):
    """Reject values that a spreadsheet would run as a formula."""
    if field.data and field.data.lstrip()[:1] in ("=", "+", "-", "@"):
        raise ValidationError(_l("This cannot start with = + - or @."))


class NumberRange(validators.NumberRange):
    """WTForms' NumberRange, also for whole numbers too big for a float (its NaN test raises
    OverflowError on them): those are simply out of range."""

    def __call__(self, form, field):
        if isinstance(field.data, int):
            try:
                float(field.data)
            except OverflowError:
                field = SimpleNamespace(data=None, gettext=field.gettext)  # "must be between…"
        super().__call__(form, field)


def no_nul(form, field):
    """Reject NUL characters: invisible to people, and PostgreSQL cannot store them."""
    if isinstance(field.data, str) and "\x00" in field.data:
        raise ValidationError(_l("Please remove the invisible control characters."))


class TextSection(Form):
    """Base for the per-language sub-forms (no CSRF of their own); no text may hold NUL."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field = unbound_field.bind(form=form, **options)
            if isinstance(field, StringField):
                field.validators = [*field.validators, no_nul]
            return field


def fill_language_sections(form, entity, fields) -> None:
    """Show *entity*'s own text per language (not the fallback) in the form's sections."""
    for code, section in language_sections(form):
        for field in fields:
            section[field].data = entity.text(field, code) if entity.has_text(code, field) else ""


#: Dates organisers and filters may use: wide enough for any campaign's history and plans,
#: narrow enough that adding a day or a time zone never leaves the calendar.
EARLIEST_YEAR, LATEST_YEAR = 1900, 3000


def plausible_date(form, field):
    """Reject dates (and date-times) outside EARLIEST_YEAR–LATEST_YEAR."""
    value = field.data
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(_l("Enter a date between %(first)d and %(last)d.",
                                 first=EARLIEST_YEAR, last=LATEST_YEAR))


#: What a datetime-local input sends (browsers differ in the seconds).
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class NonexistentTime(ValueError):
    """A local time skipped when the clocks go forward."""


def aware(naive: datetime, zone: str) -> datetime:
    """*naive* read as a wall-clock time in *zone*. :raise NonexistentTime: in a DST gap."""
    tz = ZoneInfo(zone)
    moment = naive.replace(tzinfo=tz)
    try:
        round_trip = moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError as error:  # year 1 or 9999 shifted past the calendar's end
        raise NonexistentTime(naive) from error
    if round_trip != naive:
        raise NonexistentTime(naive)
    return moment


def wall_clock(moment: datetime | None, zone: str) -> datetime | None:
    """The naive local time a datetime-local input shows for *moment*."""
    return None if moment is None else moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def typed_answer_headers() -> dict:
    """Headers for a page answering a form's POST: it shows what the person typed, which no
    cache (a browser's back button aside) may keep."""
    return {"Cache-Control": "no-store"} if request.method == "POST" else {}


def csrf_passed() -> bool:
    """The global CSRF check, run by a view itself so that failing it shows the form again
    with a friendly message (the typed input kept) instead of an error page. The view is
    exempt from the global check (``csrf.exempt``)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    try:
        csrf.protect()
    except CSRFError:
        return False
    return True


#: A label's closing remark in brackets, left out when the label is quoted: "Comment (optional)".
_LABEL_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


class MaxLength(validators.Length):
    """At most *max* characters, said in words ("Your name is too long: at most 120
    characters"). The field keeps what was typed, and the page shows no ``maxlength``
    (browsers cut a long paste silently): ``macros/forms.html`` turns the limit into
    ``data-maxlength`` for the counter script."""

    def __init__(self, max: int):
        super().__init__(max=max)

    def __call__(self, form, field):
        typed = len(field.data or "")
        if typed > self.max:
            raise ValidationError(ngettext(
                "%(field)s is too long: at most %(num)d character (you typed %(typed)d).",
                "%(field)s is too long: at most %(num)d characters (you typed %(typed)d).",
                self.max, field=_LABEL_NOTE.sub("", str(field.label.text)), typed=typed))


@cache
def typo_data() -> dict:
    """The data the page's script needs to make the server's suggestions itself."""
    return {"data-typo-providers": " ".join(typos.PROVIDERS),
            "data-typo-known": json.dumps(typos.KNOWN_TYPOS, separators=(",", ":")),
            "data-typo-limits": f"{typos.SHORTEST} {typos.TWO_EDITS}"}


class TypoHintForm(FlaskForm):
    """A public form whose ``email`` gets a "did you mean …?" hint on a likely typo.

    Public forms carry no session-bound CSRF token: ``core.form_tokens`` protects them (so
    their pages are the same for every visitor and may be cached), checked by the view.

    The first submit with such an address shows the form again (nothing lost) with the hint;
    sending it again unchanged keeps the address (the hidden ``email_kept`` carries it), so
    a real domain that looks like a typo is never refused."""

    class Meta:
        csrf = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: The corrected address to offer (set by :meth:`validate`), shown by the field macro.
        self.email.suggestion = None
        # The page's script makes the same suggestion as soon as the field is left.
        self.email.render_kw = {**(self.email.render_kw or {}), **typo_data()}

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.email.errors:
            return valid
        address = self.email.data or ""
        # Only a person at a page can answer "did you mean …?"; a program posting JSON
        # (the API) gets the address it sent.
        suggestion = suggest_address(address) if request.form else None
        if suggestion and request.form.get("email_kept", "").strip().lower() != address.lower():
            self.email.suggestion = suggestion
            return False
        return valid
