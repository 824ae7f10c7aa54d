"""Languages: the visitor's language, the /<lang>/ URL prefix, and locale-aware formatting."""
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from flask import current_app, g, has_app_context, request
from flask_babel import get_locale, refresh

from campaign.extensions import babel

LANGUAGE_COOKIE = "lang"


def init_app(app):
    """Bind Flask-Babel with our locale selector and catalog folder."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES",
                          str(app.root_path) + "/translations")
    babel.init_app(app, locale_selector=select_language)
    app.url_value_preprocessor(forget_language)


def forget_language(endpoint, values):
    """Start each request with no language chosen (before a /<lang>/ blueprint sets one).

    The app context, and with it ``g``, can outlive a request (tests, CLI, mail rendering).
    """
    g.pop("lang", None)
    refresh()


def languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_language() -> str:
    """The language of the URL, else the visitor's cookie, else Accept-Language."""
    lang = getattr(g, "lang", None)
    if lang:
        return lang
    prefix = request.path.split("/", 2)[1] if request else ""
    if prefix in languages():  # e.g. a 404 for /pl/no-such-page
        return prefix
    return preferred_language()


def preferred_language() -> str:
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages():
        return cookie
    return request.accept_languages.best_match(languages()) or languages()[0]


def current_language() -> str:
    return str(get_locale() or languages()[0]).split("_")[0]


def format_locale(lang: str) -> Locale:
    """The locale whose date, time and country names *lang*'s pages use (FORMAT_LOCALES)."""
    overrides = current_app.config.get("FORMAT_LOCALES", {}) if has_app_context() else {}
    return _locale(overrides.get(lang, lang))


@lru_cache(maxsize=32)
def _locale(identifier: str) -> Locale:
    # Parsed once (babel's Locale is immutable once loaded): many requests ask per field.
    return Locale.parse(identifier)


def _format_locale() -> Locale:
    return format_locale(current_language())


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """A language's own name, as the language switcher shows it: English, Русский, Polski."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]


def language_names() -> dict[str, str]:
    """{code: own name} for each configured language, in configured order."""
    return {code: language_name(code) for code in languages()}


def format_day(value: date, weekday: bool = False) -> str:
    """"8 December 2017" / "8 декабря 2017 г."; with the weekday when asked."""
    return babel_dates.format_date(value, "full" if weekday else "long",
                                   locale=_format_locale())


def format_time(value: datetime, zone: str | None = None) -> str:
    """"12:00" in *zone* (the value is aware)."""
    if zone:
        value = value.astimezone(ZoneInfo(zone))
    return babel_dates.format_time(value, "short", locale=_format_locale())


def format_moment(value: datetime, zone: str, weekday: bool = False) -> str:
    """"8 December 2017, 12:00 CET": a moment shown in the zone where it happens."""
    local = value.astimezone(ZoneInfo(zone))
    return f"{format_day(local.date(), weekday)}, {format_time(local)} {local.tzname()}"


def format_span(start: datetime, end: datetime | None, zone: str, weekday: bool = True) -> str:
    """"Friday 8 December 2017, 12:00–13:00 CET" (the end's date is shown when it differs)."""
    if end is None:
        return format_moment(start, zone, weekday)
    tz = ZoneInfo(zone)
    start, end = start.astimezone(tz), end.astimezone(tz)
    if start.date() == end.date():
        return (f"{format_day(start.date(), weekday)}, {format_time(start)}–"
                f"{format_time(end)} {end.tzname()}")
    return f"{format_moment(start, zone, weekday)} – {format_moment(end, zone, weekday)}"


def ordinal(number: int) -> str:
    """A number as an ordinal in the current language: 6th, 6-я, 6."""
    lang = current_language()
    if lang == "ru":
        return f"{number}-я"
    if lang == "pl":
        return f"{number}."
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def language_choices():
    """(code, own name) pairs for forms, in configured order."""
    return list(language_names().items())



def localized_blueprint(name: str, import_name: str):
    """A blueprint whose pages live under /<lang>/ (en, ru, pl); other codes are 404."""
    from flask import Blueprint, abort

    bp = Blueprint(name, import_name, url_prefix="/<lang>")

    @bp.url_value_preprocessor
    def take_language(endpoint, values):
        lang = (values or {}).get("lang")
        if lang not in languages():
            abort(404)
        g.lang = lang

    @bp.url_defaults
    def add_language(endpoint, values):
        values.setdefault("lang", current_language())

    return bp
