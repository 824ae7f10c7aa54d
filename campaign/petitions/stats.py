"""Aggregates for organisers: verified per day, by country, and where signatures came from."""
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.petitions.models import Petition, Signature, SignatureState


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: Share of the largest bar, 0–100 (the chart draws widths from it).
    percent: float


def bars(pairs) -> list[Bar]:
    pairs = list(pairs)
    top = max((value for _, value in pairs), default=0) or 1
    return [Bar(str(label), value, round(value * 100 / top, 1)) for label, value in pairs]


def _bucket(column, unit: str):
    """Truncate a UTC timestamp column to the day or hour, as text, on either engine."""
    if db.session.get_bind().dialect.name == "postgresql":
        pattern = "YYYY-MM-DD" if unit == "day" else "YYYY-MM-DD HH24:00"
        return sa.func.to_char(column, pattern)
    return sa.func.strftime("%Y-%m-%d" if unit == "day" else "%Y-%m-%d %H:00", column)


def verified_per_day(petitions, zone: str, since: dt.datetime | None = None,
                     until: dt.date | None = None) -> list[tuple[dt.date, int]]:
    """Verifications per day in *zone* (the campaign's), every day from the first to the last
    (or to *until*), gaps as 0.

    The database counts per UTC hour (both engines can); the hours become the campaign's days
    here, so a signature at 23:30 in Warsaw counts on the Warsaw day, not the UTC one.
    """
    ids = [p.id for p in petitions] if isinstance(petitions, (list, tuple)) else [petitions.id]
    hour = _bucket(Signature.verified_at, "hour")
    where = [Signature.petition_id.in_(ids), Signature.state == SignatureState.VERIFIED]
    if since is not None:
        where.append(Signature.verified_at >= since)
    rows = db.session.execute(sa.select(hour, sa.func.count()).where(*where).group_by(hour))
    local = ZoneInfo(zone)
    found: dict[dt.date, int] = {}
    for label, total in rows:
        utc = dt.datetime.strptime(label, "%Y-%m-%d %H:00").replace(tzinfo=dt.UTC)
        day = utc.astimezone(local).date()
        found[day] = found.get(day, 0) + total
    first = since.astimezone(local).date() if since is not None else min(found, default=None)
    if first is None:
        return []
    last = max([*found, until or first])
    return [(first + dt.timedelta(days=n), found.get(first + dt.timedelta(days=n), 0))
            for n in range((last - first).days + 1)]


def by_country(petition: Petition) -> list[tuple[str, int]]:
    """(country code, verified signatures), most first."""
    total = sa.func.count().label("total")
    return [(code, n) for code, n in db.session.execute(
        sa.select(Signature.country, total)
        .where(Signature.petition_id == petition.id, Signature.state == SignatureState.VERIFIED)
        .group_by(Signature.country).order_by(total.desc(), Signature.country))]


@dataclass(frozen=True)
class Source:
    """Signatures sharing an IP hash or an e-mail domain."""

    key: str
    total: int
    verified: int
    pending: int
    invalidated: int
    first: dt.datetime
    last: dt.datetime


def top_sources(petition: Petition, column, since: dt.datetime, limit: int = 20) -> list[Source]:
    """The IP hashes (or domains) with most signatures since *since*."""
    def per_state(state):
        return sa.func.sum(sa.case((Signature.state == state, 1), else_=0))
    total = sa.func.count().label("total")
    rows = db.session.execute(
        sa.select(column, total, per_state(SignatureState.VERIFIED),
                  per_state(SignatureState.PENDING), per_state(SignatureState.INVALIDATED),
                  sa.func.min(Signature.created_at), sa.func.max(Signature.created_at))
        .where(Signature.petition_id == petition.id, Signature.created_at >= since,
               column.is_not(None))
        .group_by(column).order_by(total.desc(), column).limit(limit))
    return [Source(key, n, int(v), int(p), int(i), _aware(first), _aware(last))
            for key, n, v, p, i, first, last in rows]


def per_hour(petition: Petition, since: dt.datetime, where=()) -> list[tuple[str, int]]:
    """Signatures per UTC hour since *since* (all states), e.g. for one IP hash."""
    hour = _bucket(Signature.created_at, "hour")
    return list(db.session.execute(
        sa.select(hour, sa.func.count())
        .where(Signature.petition_id == petition.id, Signature.created_at >= since, *where)
        .group_by(hour).order_by(hour)))


def window_start(hours: int) -> dt.datetime:
    return clock.now() - dt.timedelta(hours=hours)


def _aware(value):
    """Aggregates (min/max) bypass the column type on SQLite: make them aware UTC again."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value
