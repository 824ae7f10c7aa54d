"""JSON in, the forms' own checks, values out: the API validates exactly as the pages do.

Each write turns the request's JSON object into the form data of the page that does the
same thing (the petition's sign form, the event form…) and lets that form validate it, so a
rule or message changed for the pages holds for the API too. What JSON adds, types, is
checked here first; messages are returned per API field name.
"""
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from campaign.api.problems import Invalid
from campaign.core.i18n import languages

#: Python types each JSON type may arrive as (bool is not a number here).
_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
          "datetime": (str,), "texts": (dict,)}


@dataclass(frozen=True)
class Field:
    #: The JSON type: string, integer, number, boolean, datetime (ISO 8601) or texts
    #: (an object of language code → text).
    kind: str
    #: The form field's name (for texts: the name inside each language section).
    form: str


def body() -> dict:
    """The request's JSON object. :raise Invalid: (400) when there is none."""
    data = request.get_json(silent=True) if request.is_json else None
    if not isinstance(data, dict):
        raise Invalid({}, status=400, message=_("Send a JSON object with the header "
                                                "Content-Type: application/json."))
    if not _storable(data):
        raise Invalid({}, status=400, message=_("The JSON holds text that is not valid "
                                                "Unicode."))
    return data


def _storable(value) -> bool:
    """No lone surrogates (JSON lets "\\ud800" through; no database stores it)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


def form_data(data: dict, fields: dict[str, Field], zone: str | None = None) -> MultiDict:
    """The form data *data* stands for. :raise Invalid: on a value of the wrong type."""
    errors, pairs = {}, []
    for name, field in fields.items():
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, _TYPES[field.kind]) or (
                field.kind != "boolean" and isinstance(value, bool)):
            errors[name] = [_("Expected %(kind)s.", kind=_type_name(field.kind))]
            continue
        if field.kind == "texts":
            problem = _add_texts(pairs, field.form, value)
            if problem:
                errors[name] = [problem]
        elif field.kind == "boolean":
            if value:
                pairs.append((field.form, "y"))
        elif field.kind == "datetime":
            local = wall_clock(value, zone)
            if local is None:
                errors[name] = [_("Use ISO 8601, e.g. 2030-05-01T18:00:00+02:00.")]
            else:
                pairs.append((field.form, local))
        else:
            pairs.append((field.form, str(value)))
    if errors:
        raise Invalid(errors)
    return MultiDict(pairs)


def _type_name(kind: str) -> str:
    return {"string": _("a string"), "integer": _("a whole number"), "number": _("a number"),
            "boolean": _("true or false"), "datetime": _("a date and time as a string"),
            "texts": _("an object of texts by language code")}[kind]


def _add_texts(pairs: list, form_name: str, value: dict) -> str | None:
    for lang, text in value.items():
        if lang not in languages():
            return _("Unknown language %(code)s; use one of: %(codes)s.", code=lang,
                     codes=", ".join(languages()))
        if text is not None and not isinstance(text, str):
            return _("Expected %(kind)s.", kind=_type_name("texts"))
        if text:
            pairs.append((f"text_{lang}-{form_name}", text))
    return None


def wall_clock(value: str, zone: str | None) -> str | None:
    """An ISO 8601 moment as the event form's local time in *zone* (a moment without an
    offset already is one); None when it is not a moment."""
    try:
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            try:
                moment = moment.astimezone(ZoneInfo(zone or "UTC"))
            except (KeyError, ValueError):
                pass  # not a zone: the form says so about the zone
        return moment.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S")
    except (ValueError, OverflowError, TypeError):
        return None


def form_errors(form, fields: dict[str, Field]) -> dict[str, list]:
    """The form's messages under the API's field names ("title.en" for a language's)."""
    names = {field.form: name for name, field in fields.items() if field.kind != "texts"}
    texts = {field.form: name for name, field in fields.items() if field.kind == "texts"}
    found = {}
    for form_name, messages in form.errors.items():
        if isinstance(messages, dict):  # a language section: {"title": [...]}
            lang = form_name.removeprefix("text_")
            for inner, inner_messages in messages.items():
                found[f"{texts.get(inner, inner)}.{lang}"] = list(inner_messages)
        else:
            found[names.get(form_name, form_name)] = list(messages)
    return found


def validated(form, fields: dict[str, Field]):
    """*form* once it validates. :raise Invalid: with its messages otherwise."""
    if not form.validate():
        raise Invalid(form_errors(form, fields))
    return form


def merged(current: dict, changes: dict, fields: dict[str, Field]) -> dict:
    """A PATCH: *current* with *changes* laid over it (texts per language)."""
    result = dict(current)
    for name, value in changes.items():
        field = fields.get(name)
        if field is not None and field.kind == "texts" and isinstance(value, dict) \
                and isinstance(current.get(name), dict):
            result[name] = {**current[name], **value}
        else:
            result[name] = value
    return result


def language(data: dict, offered: list[str], default: str) -> str:
    """The supporter's language: one of the campaign's. :raise Invalid: otherwise."""
    lang = data.get("language")
    if lang is None:
        return default
    if not isinstance(lang, str) or lang not in offered or lang not in languages():
        raise Invalid({"language": [_("Use one of: %(codes)s.", codes=", ".join(
            code for code in offered if code in languages()))]})
    return lang
