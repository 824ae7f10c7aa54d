"""iCalendar content lines written directly, for the feed's many VEVENTs.

icalendar builds an object per property (a typed value, its parameters, a content line) and
folds every line one character at a time; for a feed of a thousand events that costs more
than everything else in the build. These functions write the very same bytes for the few
value types a feed VEVENT uses — TEXT, INTEGER, URI, GEO, DATE, DATE-TIME — with no object per
value. Whatever they cannot be sure to write exactly as icalendar would (a parameter value,
an unknown kind of time zone) is asked of icalendar itself, once per distinct value.

tests/calendar/test_lines.py checks the output against icalendar's, byte for byte.
"""
import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import vCalAddress, vDDDTypes, vText
from icalendar.parser import Contentline

#: RFC 5545 §3.1: a line holds at most 75 octets; icalendar starts a new one when the next
#: character would bring it to 75, so each line carries at most 74.
_LIMIT = 75
#: Characters that icalendar does not leave at the end of a folded line (an escape would be
#: cut in two: TEXT's backslash, RFC 6868's caret).
_ESCAPES = "\\^"


def fold(line: str) -> str:
    """The line folded as icalendar folds it (CRLF and a space before each continuation)."""
    if len(line) < _LIMIT and (line.isascii() or len(line.encode()) < _LIMIT):
        return line
    if line.isascii():
        return _fold_ascii(line)
    return _fold_any(line)


def _fold_ascii(line: str) -> str:
    parts, start, end = [], 0, len(line)
    while end - start >= _LIMIT:
        stop = start + _LIMIT - 1
        if line[stop - 1] in _ESCAPES:
            stop -= 1
        parts.append(line[start:stop])
        start = stop
    parts.append(line[start:])
    return "\r\n ".join(parts)


def _fold_any(line: str) -> str:
    """Octet counting for lines with non-ASCII characters (never split inside one)."""
    parts: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode())
        if current and count + size >= _LIMIT:
            if len(current) > 1 and current[-1] in _ESCAPES:
                carried = current.pop()
                parts.append("".join(current))
                current, count = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11), escaped in icalendar's order."""
    return (text.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
            .replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n")
            .replace("\r", r"\n"))


def text(name: str, value: str) -> str:
    return fold(f"{name}:{escape(value)}")


def plain(name: str, value) -> str:
    """A value written as it is: INTEGER, URI, a status keyword without special characters."""
    return fold(f"{name}:{value}")


def geo(latitude, longitude) -> str:
    return fold(f"GEO:{float(latitude)};{float(longitude)}")


def utc(name: str, moment: dt.datetime) -> str:
    """DTSTAMP, CREATED, LAST-MODIFIED: always in UTC (naive times are taken as UTC)."""
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None \
        else moment.astimezone(dt.UTC)
    return f"{name}:{_stamp(moment)}Z"


def date_time(name: str, moment: dt.datetime) -> str:
    """A DATE-TIME in its own zone: ``;TZID=…`` and local time, or UTC's ``Z``."""
    tzinfo = moment.tzinfo
    if tzinfo is not None and type(tzinfo) not in (ZoneInfo, dt.timezone):
        return _by_icalendar(name, vDDDTypes(moment))
    parameters, suffix = _zone_form(tzinfo)
    return fold(f"{name}{parameters}:{_stamp(moment)}{suffix}")


def date(name: str, day: dt.date) -> str:
    """An all-day DATE value."""
    return f"{name};VALUE=DATE:{day.year:04}{day.month:02}{day.day:02}"


def _stamp(moment: dt.datetime) -> str:
    return (f"{moment.year:04}{moment.month:02}{moment.day:02}"
            f"T{moment.hour:02}{moment.minute:02}{moment.second:02}")


@lru_cache(maxsize=256)
def _zone_form(tzinfo) -> tuple[str, str]:
    """How icalendar writes a date-time in *tzinfo*: (its parameters, its suffix). It depends
    on the zone alone for ZoneInfo and fixed offsets (the only kinds this is asked for)."""
    value = vDDDTypes(dt.datetime(2000, 1, 1, tzinfo=tzinfo))
    parameters = value.params.to_ical(sorted=True).decode()
    return (f";{parameters}" if parameters else ""), \
        ("Z" if value.to_ical().endswith(b"Z") else "")


def organizer_value(name: str, email: str) -> vCalAddress:
    """ORGANIZER;CN=<name>:mailto:<email> as an icalendar value."""
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    return address


@lru_cache(maxsize=256)
def organizer(name: str, email: str) -> str:
    """The ORGANIZER line: icalendar quotes and escapes the CN parameter, once per person."""
    return _by_icalendar("ORGANIZER", organizer_value(name, email))


def _by_icalendar(name: str, value) -> str:
    return Contentline.from_parts(name, value.params, value, sorted=True).to_ical().decode()


def component(name: str, lines: list[str]) -> str:
    """BEGIN, the lines, END; each line ended by CRLF."""
    return f"BEGIN:{name}\r\n" + "\r\n".join(lines) + f"\r\nEND:{name}\r\n"
