"""Merge fields in organiser messages: "Hello {first_name}," becomes "Hello Ola,".

``{first_name}`` is the recipient's first name as they gave it; ``{first_name|friend}`` names
the fallback for people without one (default: the translated word "friend"). ``{event}`` is
the event's title in the recipient's language with its local date and time, and
``{manage_link}`` the recipient's own link to see, change or cancel their registration: both
only in messages to the people of one event (attendees, waiting list, checked in), whose
answers they come from; the compose form refuses them for other audiences. Any other
``{field}`` is left as typed, and the message page warns about it before sending.
"""
import re

from flask_babel import gettext as _
from markupsafe import escape

FIELDS = ("first_name", "event", "manage_link")
#: Fields that only an audience of one event's people can fill.
EVENT_FIELDS = ("event", "manage_link")
_FIELD = re.compile(r"\{(\w+)(?:\|([^{}\n]{0,40}))?\}")


def first_name(name: str | None) -> str:
    return (name or "").strip().split(" ")[0][:60]


def fields_in(*texts: str | None) -> list[str]:
    """The names of the ``{fields}`` in *texts*, each once, in order of appearance."""
    found = [m.group(1) for text in texts for m in _FIELD.finditer(text or "")]
    return [name for n, name in enumerate(found) if name not in found[:n]]


def unknown_fields(*texts: str | None) -> list[str]:
    """The ``{fields}`` in *texts* that nothing fills, in order of appearance."""
    return ["{%s}" % name for name in fields_in(*texts) if name not in FIELDS]


def event_fields(*texts: str | None) -> list[str]:
    """The ``{fields}`` in *texts* that need an event's audience, in order of appearance."""
    return ["{%s}" % name for name in fields_in(*texts) if name in EVENT_FIELDS]


def fill(text: str, values: dict, html: bool = False) -> str:
    """*text* with its known fields filled (escaped for HTML), unknown ones left alone.

    In HTML a ``{manage_link}`` becomes a link (its address as its text).
    """
    source = text or ""

    def value(match):
        name, fallback = match.group(1), match.group(2)
        if name not in FIELDS:
            return match.group(0)
        filled = values.get(name) or (fallback.strip() if fallback
                                      else _("friend") if name == "first_name" else "")
        if not html:
            return filled
        in_attribute = source[max(match.start() - 6, 0):match.start()] == 'href="'
        if name == "manage_link" and values.get(name) and not in_attribute:
            return f'<a href="{escape(filled)}">{escape(filled)}</a>'
        return str(escape(filled))
    return _FIELD.sub(value, source)
