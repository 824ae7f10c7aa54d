"""The one clock. Everything that asks "what time is it" calls :func:`now`.

Tests move time with :func:`travel` (or :func:`set_now`); production reads the system clock.
"""
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

_frozen: datetime | None = None


def now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def set_now(moment: datetime | None) -> None:
    """Freeze the clock at *moment* (aware), or unfreeze it with ``None``."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("the clock only holds timezone-aware times")
    _frozen = moment.astimezone(UTC) if moment is not None else None


def advance(delta: timedelta) -> datetime:
    """Move a frozen clock forward by *delta* and return the new time."""
    set_now(now() + delta)
    return now()


@contextmanager
def travel(moment: datetime):
    """Freeze the clock at *moment* for the duration of the block."""
    previous = _frozen
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)
