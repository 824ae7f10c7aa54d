"""People's names: one line on the way in, nothing but a name on public pages."""
import re

#: Markup, links, addresses and domain names: a "name" holding them is not shown publicly
#: (it would advertise something, or try to pass for the site's own text).
_NOT_A_NAME = re.compile(r"[<>{}\[\]@]|https?:|www\.|://|\w\.(?:[a-z]{2,})(?:/|\b)", re.I)


def one_line(value):
    """A form filter: trimmed, and every run of whitespace (line breaks, tabs, Unicode
    separators) made one space, so a name never becomes extra lines in our mail."""
    return " ".join(value.split()) if isinstance(value, str) else value


def showable(name: str) -> bool:
    """Whether *name* may appear on a public page (no markup, link or domain in it)."""
    return bool(name) and not _NOT_A_NAME.search(name)
