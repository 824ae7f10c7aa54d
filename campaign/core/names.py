"""People's names: one line on the way in, nothing but a name on public pages."""
import re
import unicodedata

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


#: Letters the Unicode decomposition leaves whole, sorted with their base letter (Łukasz
#: among the L names, not after Z).
_BASE_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i",
                               "ŀ": "l", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"})
#: Letters kept as they are: Russian й is a letter of its own, between и and к.
_KEEP = frozenset("й")
#: Separates the two levels of a sort key (below every printable character).
_LEVELS = "\x1f"
SORT_KEY_LENGTH = 255


def sort_key(name: str | None) -> str:
    """What lists sort a person's name by, stored beside it (the database compares it as
    bytes, C collation): case and accents folded first (Ś with S, Ё with Е, Ł with L), then
    the case-folded name itself, so "Zoë" comes right after "Zoe" and the order is the same
    on every engine. Latin sorts before Cyrillic, each in alphabetical order."""
    folded = unicodedata.normalize("NFC", " ".join((name or "").split())).casefold()
    base = "".join(char if char in _KEEP else "".join(
        part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
        for char in folded.translate(_BASE_LETTERS))
    half = (SORT_KEY_LENGTH - len(_LEVELS)) // 2
    return base[:half] + _LEVELS + folded[:half]
