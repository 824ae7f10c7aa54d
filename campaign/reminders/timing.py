"""When a reminder found by the scheduler still goes out, and how a late one is recorded."""
from datetime import datetime, timedelta

from flask import current_app

#: How far back the scheduler looks for reminders it has not handled yet: ones older than the
#: grace period within it are written to the mail log as skipped; older still are ignored.
LOOKBACK = timedelta(days=7)


def grace() -> timedelta:
    return timedelta(hours=float(current_app.config["REMINDER_GRACE_HOURS"]))


def in_lookback(due: datetime, now: datetime) -> bool:
    """Whether the scheduler should act on a reminder due at *due* (send it or log a skip)."""
    return now - LOOKBACK < due <= now


def is_late(due: datetime, now: datetime) -> bool:
    """Whether a reminder due at *due* is past the grace period at *now*."""
    return now - due > grace()


def skip_reason(due: datetime, why: str | None = None) -> str:
    """The line the mail log shows for a reminder that was not sent."""
    hours = current_app.config["REMINDER_GRACE_HOURS"]
    return why or (f"Not sent: its time ({due:%Y-%m-%d %H:%M} UTC) had passed more than "
                   f"{hours:g} h (REMINDER_GRACE_HOURS) before the mail worker ran; "
                   f"late reminders are skipped.")
