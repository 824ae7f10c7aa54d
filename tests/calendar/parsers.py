"""Three independent iCalendar parsers, to check that what we serve is read the same by all."""
import datetime as dt

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream


def parse_all(body: bytes) -> dict:
    """{uid: {"summary", "start", "end"}} as each parser reads the file; asserts they agree."""
    text = body.decode("utf-8")
    by_icalendar = {str(e["UID"]): (str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"))
                    for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    by_vobject = {e.uid.value: (e.summary.value, e.dtstart.value, e.dtend.value)
                  for e in vobject.readOne(text).vevent_list}
    by_ical = {e.uid: (e.summary, e.dtstart, e.dtend)
               for e in IcsCalendarStream.calendar_from_ics(text).events}
    assert by_icalendar.keys() == by_vobject.keys() == by_ical.keys()
    for uid, (summary, start, end) in by_icalendar.items():
        for other in (by_vobject[uid], by_ical[uid]):
            assert other[0] == summary
            assert _same(other[1], start) and _same(other[2], end), (uid, other, start)
    return {uid: {"summary": s, "start": a, "end": b} for uid, (s, a, b) in by_icalendar.items()}


def _same(a, b) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a.astimezone(dt.UTC) == b.astimezone(dt.UTC) and a.utcoffset() == b.utcoffset()
    return a == b


def physical_lines(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare LF or CR"
    return lines
