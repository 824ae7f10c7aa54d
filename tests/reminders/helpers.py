"""Helpers for the reminder tests: run the worker as an operator would, read what arrived."""
import datetime as dt
import threading
from zoneinfo import ZoneInfo

from campaign import clock
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage

BRUSSELS = ZoneInfo("Europe/Brussels")
#: Monday 30 March 2026, 12:00 in Brussels: the day after summer time began (29 March).
MONDAY = dt.datetime(2026, 3, 30, 12, 0, tzinfo=BRUSSELS)
#: Ten days before it: RSVP open, no reminder due yet.
TEN_DAYS_BEFORE = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC)
#: What each language's reminder subject starts with.
REMINDER_SUBJECT = {"en": "Reminder:", "ru": "Напоминание:", "pl": "Przypomnienie:"}


def run_worker(app, at: dt.datetime | None = None):
    """``flask campaign worker --once`` at *at* (the app clock moved there first)."""
    if at is not None:
        clock.set_now(at)
    result = app.test_cli_runner().invoke(args=["campaign", "worker", "--once"])
    assert result.exit_code == 0, result.output
    return result


def take_messages(smtp_server) -> list:
    """The messages that arrived since the last call (and forget them)."""
    with smtp_server.handler.lock:
        arrived = list(smtp_server.handler.messages)
        smtp_server.handler.messages.clear()
    return arrived


def reminders(messages) -> list:
    return [m for m in messages if m["Subject"].startswith(tuple(REMINDER_SUBJECT.values()))]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def outbox_rows(kind: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.kind == kind)
                              .order_by(OutboxMessage.id)).all()


def two_workers_at_once(app) -> None:
    """Two threads run the scheduling steps at the same moment, then deliver until done."""
    from campaign.mailing import scheduling, worker

    start = threading.Barrier(2)

    def work():
        with app.app_context():
            start.wait()
            scheduling.run_steps(every_step=True)
        while worker.deliver_due(app, limit=10).claimed:
            pass

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
