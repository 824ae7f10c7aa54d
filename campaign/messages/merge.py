"""Merge fields in organiser messages: "Hello {first_name}," becomes "Hello Ola,".

``{first_name}`` is the recipient's first name as they gave it; ``{first_name|friend}`` names
the fallback for people without one (default: the translated word "friend"). Any other
``{field}`` is left as typed, and the message page warns about it before sending.
"""
import re

from flask_babel import gettext as _
from markupsafe import escape

FIELDS = ("first_name",)
_FIELD = re.compile(r"\{(\w+)(?:\|([^{}\n]{0,40}))?\}")


def first_name(name: str | None) -> str:
    return (name or "").strip().split(" ")[0][:60]


def unknown_fields(*texts: str | None) -> list[str]:
    """The ``{fields}`` in *texts* that nothing fills, in order of appearance."""
    found = [m.group(1) for text in texts for m in _FIELD.finditer(text or "")]
    return ["{%s}" % name for n, name in enumerate(found)
            if name not in FIELDS and name not in found[:n]]


def fill(text: str, values: dict, html: bool = False) -> str:
    """*text* with its known fields filled (escaped for HTML), unknown ones left alone."""
    def value(match):
        name, fallback = match.group(1), match.group(2)
        if name not in FIELDS:
            return match.group(0)
        filled = values.get(name) or (fallback.strip() if fallback else _("friend"))
        return str(escape(filled)) if html else filled
    return _FIELD.sub(value, text or "")
