"""VTIMEZONE components in the RRULE form Outlook reads (not icalendar's long RDATE lists)."""
import calendar as cal
import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: The rule is written from this year on, so recurring dates back to 1970 are covered.
RULE_START_YEAR = 1970


def _offset(zone: ZoneInfo, moment: dt.datetime) -> dt.timedelta:
    return moment.astimezone(zone).utcoffset()


def transitions(zone: ZoneInfo, year: int) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """(local wall time of the change, offset before, offset after) for each change in *year*."""
    found = []
    day = dt.datetime(year, 1, 1, 12, tzinfo=dt.UTC)
    previous = _offset(zone, day)
    while day.year == year:
        following = day + dt.timedelta(days=1)
        after = _offset(zone, following)
        if after != previous:
            hour = day
            while _offset(zone, hour + dt.timedelta(hours=1)) == previous:
                hour += dt.timedelta(hours=1)
            change = hour + dt.timedelta(hours=1)
            found.append(((change + previous).replace(tzinfo=None), previous, after))
            previous = after
        day = following
    return found


def _byday(moment: dt.datetime) -> str:
    """"-1SU" for the last Sunday of its month, "2SU" for the second, …"""
    days_in_month = cal.monthrange(moment.year, moment.month)[1]
    weekday = _WEEKDAYS[moment.weekday()]
    if moment.day + 7 > days_in_month:
        return f"-1{weekday}"
    return f"{(moment.day - 1) // 7 + 1}{weekday}"


def _first_matching(year: int, month: int, byday: str) -> int:
    """The day of *month* in *year* that the BYDAY rule names."""
    weekday = _WEEKDAYS.index(byday[-2:])
    nth = int(byday[:-2])
    days = [d for d in range(1, cal.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == weekday]
    return days[nth - 1] if nth > 0 else days[nth]


def _name(zone: ZoneInfo, offset: dt.timedelta, year: int) -> str:
    for month in range(1, 13):
        moment = dt.datetime(year, month, 15, 12, tzinfo=zone)
        if moment.utcoffset() == offset:
            return moment.tzname()
    return ""


def vtimezone(zone_name: str, year: int) -> Timezone:
    """The zone's rules as they stand in *year*, written as yearly RRULEs."""
    zone = ZoneInfo(zone_name)
    component = Timezone()
    component.add("tzid", zone_name)
    changes = transitions(zone, year)
    if len(changes) != 2:  # no daylight saving time (or an irregular year): one fixed offset
        offset = _offset(zone, dt.datetime(year, 7, 1, tzinfo=dt.UTC))
        standard = TimezoneStandard()
        standard.add("dtstart", dt.datetime(RULE_START_YEAR, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", _name(zone, offset, year))
        component.add_component(standard)
        return component
    for local, before, after in changes:
        observance = TimezoneDaylight() if after > before else TimezoneStandard()
        byday = _byday(local)
        first = local.replace(year=RULE_START_YEAR,
                              day=_first_matching(RULE_START_YEAR, local.month, byday))
        observance.add("dtstart", first)
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observance.add("tzname", _name(zone, after, year))
        observance.add("rrule", vRecur({"freq": "yearly", "bymonth": local.month,
                                        "byday": byday}))
        component.add_component(observance)
    return component
