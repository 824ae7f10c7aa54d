"""ISO 3166-1 alpha-2 countries, named in the page's language by Babel (CLDR)."""
import unicodedata
from functools import lru_cache

from babel import Locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from wtforms import SelectField
from wtforms.validators import ValidationError
from wtforms.widgets import Select, html_params

from campaign.core.i18n import current_language, format_locale

#: CLDR territories that are not countries people live in: regions (EU, UN, EZ),
#: ISO's "exceptionally reserved" codes and CLDR's pseudo-locales. Kosovo (XK) stays.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC",
                 "TA"}


def _names(lang: str) -> dict[str, str]:
    return _territories(str(format_locale(lang)))


@lru_cache(maxsize=8)
def _territories(locale: str) -> dict[str, str]:
    territories = Locale.parse(locale).territories
    return {code: name for code, name in territories.items()
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES}


@lru_cache(maxsize=1)
def _collator():
    """The Unicode Collation Algorithm's default order (pyuca; PyICU has no wheel to install
    here): letters with diacritics beside their base letter, so Polish "Łotwa" follows
    "Litwa" instead of landing after "Zjednoczone Emiraty" as in code-point order."""
    import pyuca

    return pyuca.Collator()


#: Alphabets where a letter with a diacritic is a letter of its own, after its base letter
#: (the default collation files it beside the base: Polish "Łotwa" before "Luksemburg").
ALPHABETS = {"pl": "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"}


def _tailored(name: str, alphabet: str) -> list[int]:
    """Each letter's place in *alphabet* (others by their base letter); spaces ignored."""
    places = []
    for char in name.casefold():
        if char not in alphabet:
            char = unicodedata.normalize("NFD", char)[0]
        if char in alphabet:
            places.append(alphabet.index(char))
        elif char.isalnum():
            places.append(len(alphabet) + ord(char))
    return places


@lru_cache(maxsize=8)
def _choices(lang: str) -> tuple[tuple[str, str], ...]:
    names = _names(lang)
    collate, alphabet = _collator().sort_key, ALPHABETS.get(lang)

    def key(item):
        return (_tailored(item[1], alphabet) if alphabet else [], collate(item[1]))
    return tuple(sorted(names.items(), key=key))


def country_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """(code, localised name) pairs sorted by name."""
    return list(_choices(lang or current_language()))


def is_country(code: str | None) -> bool:
    return bool(code) and code in _names("en")


def country_name(code: str | None, lang: str | None = None) -> str:
    """"Poland" / "Польша" / "Polska"; the code itself when unknown."""
    return _names(lang or current_language()).get(code or "", code or "")


@lru_cache(maxsize=8)
def _options_html(lang: str, placeholder: str) -> str:
    options = [f'<option value="">{escape(placeholder)}</option>']
    options += [f'<option value="{code}">{escape(name)}</option>' for code, name in _choices(lang)]
    return "".join(options)


class CountrySelect(Select):
    """The country list rendered once per language, then reused (it is 250 options long).

    The field needs ``lang`` and ``placeholder`` attributes (``SignForm`` sets them).
    """

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        options = _options_html(field.lang, str(field.placeholder))
        if is_country(field.data):  # a known code: safe to splice in
            options = options.replace(f'<option value="{field.data}">',
                                      f'<option selected value="{field.data}">', 1)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


class CountryField(SelectField):
    """A select of countries, checked against a set: WTForms compares the answer with each of
    the 250 choices, the largest cost of a signature after the database."""

    widget = CountrySelect()

    def pre_validate(self, form):
        if self.data and not is_country(self.data):
            raise ValidationError(_("Please choose a country from the list."))
