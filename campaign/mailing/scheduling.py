"""Steps the mail worker runs before it delivers: they turn schedules into outbox rows.

A domain registers its steps from its ``init_app``::

    scheduling.register(app, "event reminders", enqueue_event_reminders)

where ``enqueue_event_reminders(now) -> int`` enqueues what is due by *now* and returns how
many rows it wrote. Steps run in registration order.

Each step runs in a transaction of its own and must be idempotent: outbox keys make a second
run (or a second worker running the same step at the same moment) enqueue nothing new.
``flask campaign worker --once`` runs every step once and then delivers, so one call at a given
time enqueues and delivers everything due at that time; the looping worker runs them every
``SCHEDULING_INTERVAL`` seconds. A step that need not run that often (a clean-up scanning a
large table) says how often it runs with ``every``; ``--once`` runs it regardless.
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable


from campaign import clock
from campaign.core import plugins
from campaign.extensions import db

logger = logging.getLogger("campaign.mailing.scheduling")


@dataclass
class _Step:
    function: Callable
    every: timedelta | None
    #: When this process last ran the step (by the app clock, so tests can move it).
    last_run: datetime | None = None

    def is_due(self, now: datetime) -> bool:
        return (self.every is None or self.last_run is None or now < self.last_run
                or now - self.last_run >= self.every)


def register(app, name: str, function: Callable, every: timedelta | None = None) -> None:
    """Register ``function(now) -> int`` as a scheduling step called *name*, run every round
    or, with *every*, at most that often per process."""
    plugins.register(app, "scheduling_steps", name, _Step(function, every))


def run_steps(every_step: bool = False) -> dict[str, int]:
    """Run the steps that are due, or with *every_step* all of them (``worker --once``), inside
    an app context; returns rows written per step.

    A step that fails (whatever the error) is rolled back and logged; the others still run,
    and the worker goes on delivering.
    """
    written = {}
    for name, registered in plugins.registered("scheduling_steps").items():
        now = clock.now()
        if not (every_step or registered.is_due(now)):
            continue
        try:
            written[name] = registered.function(now) or 0
            db.session.commit()
            registered.last_run = now
        except Exception:  # noqa: BLE001  a broken step must not stop the others or delivery
            db.session.rollback()
            logger.exception("scheduling step %r failed; it runs again next round", name)
    if any(written.values()):
        logger.info("scheduled: %s", ", ".join(f"{n} {c}" for n, c in written.items() if c))
    return written
