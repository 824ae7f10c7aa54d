"""Steps the mail worker runs before it delivers: they turn schedules into outbox rows.

A domain registers its step at import time::

    @scheduling.step("event reminders")
    def enqueue_event_reminders(now) -> int:
        ...  # enqueue what is due by *now*; return how many rows were written

Each step runs in a transaction of its own and must be idempotent: outbox keys make a second
run (or a second worker running the same step at the same moment) enqueue nothing new.
``flask campaign worker --once`` runs every step once and then delivers, so one call at a given
time enqueues and delivers everything due at that time; the looping worker runs them every
``SCHEDULING_INTERVAL`` seconds.
"""
import logging
from typing import Callable

import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db

logger = logging.getLogger("campaign.mailing.scheduling")

_steps: dict[str, Callable] = {}


def step(name: str):
    """Register ``function(now) -> int`` as a scheduling step called *name*."""
    def register(function):
        _steps[name] = function
        return function
    return register


def names() -> list[str]:
    return list(_steps)


def run_steps() -> dict[str, int]:
    """Run every step once (inside an app context); returns rows written per step.

    A step that fails is rolled back and logged; the others still run.
    """
    written = {}
    for name, function in _steps.items():
        try:
            written[name] = function(clock.now()) or 0
            db.session.commit()
        except sa.exc.SQLAlchemyError:
            db.session.rollback()
            logger.exception("scheduling step %r failed; it runs again next round", name)
    if any(written.values()):
        logger.info("scheduled: %s", ", ".join(f"{n} {c}" for n, c in written.items() if c))
    return written
