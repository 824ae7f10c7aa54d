"""Aggregates for organisers: verified per day, by country, and where signatures came from."""
import datetime as dt
from dataclasses import dataclass

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


def verified_per_day(petition: Petition) -> list[tuple[dt.date, int]]:
    """Verifications per UTC day, every day from the first to the last (gaps as 0)."""
    day = _bucket(Signature.verified_at, "day")
    rows = db.session.execute(
        sa.select(day, sa.func.count())
        .where(Signature.petition_id == petition.id, Signature.state == SignatureState.VERIFIED)
        .group_by(day).order_by(day))
    found = {dt.date.fromisoformat(label): total for label, total in rows}
    if not found:
        return []
    first, last = min(found), max(found)
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
