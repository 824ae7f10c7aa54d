"""Event reminders through the real worker and SMTP server, with the app clock moved forward."""
import collections
import datetime as dt

import pytest

from campaign import clock
from campaign.events import operations, rsvps
from campaign.extensions import db
from campaign.mailing import scheduling, worker
from campaign.mailing.models import MessageStatus
from tests.events.helpers import create_event, manage_link, rsvp
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.reminders.helpers import (BRUSSELS, MONDAY, REMINDER_SUBJECT, outbox_rows, reminders,
                                     run_worker, take_messages, text_of, two_workers_at_once)

DAY_BEFORE = MONDAY - dt.timedelta(days=1)
TWO_HOURS_BEFORE = MONDAY - dt.timedelta(hours=2)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def event(mail_app):
    return create_event(create_campaign(), starts_at=MONDAY, capacity=4, max_guests=3)


@pytest.fixture
def attendees(mail_app, event, smtp_server):
    """Ala (en), Boris (ru), Celina (pl) confirmed; Dana waitlisted; Xavier cancelled."""
    people = {"ala@example.org": rsvp(event, "ala@example.org", name="Ala", lang="en"),
              "boris@example.org": rsvp(event, "boris@example.org", name="Борис", lang="ru"),
              "celina@example.org": rsvp(event, "celina@example.org", name="Celina", lang="pl")}
    xavier = rsvp(event, "xavier@example.org", name="Xavier")
    dana = rsvp(event, "dana@example.org", name="Dana", guests=1)  # 2 seats: waiting list
    rsvps.cancel_rsvp(xavier)  # frees 1 seat: Dana still does not fit
    db.session.commit()
    assert dana.status.value == "waitlisted"
    run_worker(mail_app)  # the confirmations go out now, before any reminder
    take_messages(smtp_server)
    return people


def test_both_reminders_arrive_once_each_in_each_language_with_the_local_time(
        mail_app, attendees, smtp_server):
    run_worker(mail_app, at=DAY_BEFORE - MINUTE)
    assert take_messages(smtp_server) == []

    run_worker(mail_app, at=DAY_BEFORE)
    day_before = take_messages(smtp_server)
    run_worker(mail_app, at=DAY_BEFORE + dt.timedelta(hours=1))  # a later round: nothing again
    assert take_messages(smtp_server) == []
    run_worker(mail_app, at=TWO_HOURS_BEFORE)
    two_hours_before = take_messages(smtp_server)

    for batch in (day_before, two_hours_before):
        assert sorted(m["To"] for m in batch) == sorted(attendees)
        for message in batch:
            lang = attendees[message["To"]].lang
            assert message["Content-Language"] == lang
            assert message["Subject"].startswith(REMINDER_SUBJECT[lang])
            text = text_of(message)
            # Summer time began on Sunday 29 March: 12:00 CEST is 10:00 UTC.
            assert "12:00–13:00 CEST" in text and "Place Jean Rey" in text
            assert "https://campaign.test/" + lang + "/events/brussels-protest" in text
            assert manage_link(text)
            [ics] = list(message.iter_attachments())
            assert ics.get_content_type() == "text/calendar"
            assert message["List-Unsubscribe"]
    english = next(m for m in day_before if m["To"] == "ala@example.org")
    assert "so that someone on the waiting list gets your seat" in text_of(english)
    assert "Monday, 30 March 2026, 12:00 CEST" in english["Subject"]
    assert mail_app.test_client().get(manage_link(text_of(english))).status_code == 200

    run_worker(mail_app, at=MONDAY - MINUTE)
    assert take_messages(smtp_server) == []
    assert len(outbox_rows("event_reminder")) == 6


def test_an_rsvp_made_after_a_reminders_time_does_not_get_it_late(mail_app, event, smtp_server):
    rsvp(event, "early@example.org")
    clock.set_now(DAY_BEFORE + dt.timedelta(minutes=30))
    rsvp(event, "late@example.org")
    run_worker(mail_app)  # the worker runs after both answers
    assert sorted(m["To"] for m in reminders(take_messages(smtp_server))) == ["early@example.org"]

    run_worker(mail_app, at=TWO_HOURS_BEFORE)
    assert sorted(m["To"] for m in reminders(take_messages(smtp_server))) == [
        "early@example.org", "late@example.org"]


def test_moving_the_event_moves_the_reminders_not_yet_sent(mail_app, attendees, event,
                                                           smtp_server):
    run_worker(mail_app, at=DAY_BEFORE)
    assert len(take_messages(smtp_server)) == 3  # the day-before reminder is sent
    clock.set_now(DAY_BEFORE + dt.timedelta(hours=1))
    _move(event, dt.timedelta(days=1))  # to Tuesday
    take_messages(smtp_server)
    run_worker(mail_app)  # the "changed" mails
    take_messages(smtp_server)

    run_worker(mail_app, at=TWO_HOURS_BEFORE)  # the old time: nothing
    assert reminders(take_messages(smtp_server)) == []
    run_worker(mail_app, at=TWO_HOURS_BEFORE + dt.timedelta(days=1))
    moved = reminders(take_messages(smtp_server))
    assert len(moved) == 3
    assert all("Tuesday, 31 March 2026, 12:00 CEST" in m["Subject"] for m in moved
               if m["To"] == "ala@example.org")
    # The day-before reminder was sent for Monday and is not sent again for Tuesday.
    run_worker(mail_app, at=MONDAY + dt.timedelta(hours=1))
    assert reminders(take_messages(smtp_server)) == []


def test_a_queued_reminder_is_retimed_when_the_event_moves(mail_app, attendees, event,
                                                          smtp_server):
    clock.set_now(TWO_HOURS_BEFORE)
    scheduling.run_steps(every_step=True)  # enqueued, but the delivery round did not run
    clock.set_now(TWO_HOURS_BEFORE + MINUTE)
    _move(event, dt.timedelta(hours=5))
    queued = [row for row in outbox_rows("event_reminder") if row.payload["offset"] == "PT2H"]
    assert {row.due_at for row in queued} == {TWO_HOURS_BEFORE + dt.timedelta(hours=5)}

    worker.deliver_due(mail_app)
    assert reminders(take_messages(smtp_server)) == []
    run_worker(mail_app, at=TWO_HOURS_BEFORE + dt.timedelta(hours=5))
    assert len(reminders(take_messages(smtp_server))) == 3


def test_cancelling_the_event_stops_its_reminders(mail_app, attendees, event, smtp_server):
    clock.set_now(DAY_BEFORE)
    scheduling.run_steps(every_step=True)
    operations.cancel_event(event)
    db.session.commit()

    run_worker(mail_app)
    run_worker(mail_app, at=TWO_HOURS_BEFORE)
    arrived = take_messages(smtp_server)
    assert reminders(arrived) == []
    assert len(arrived) == 4  # the "cancelled" notices (the waiting list too)
    assert {row.status for row in outbox_rows("event_reminder")} == {MessageStatus.CANCELLED}


def test_a_reminder_missed_by_more_than_the_grace_period_is_skipped_and_logged(
        mail_app, attendees, smtp_server):
    run_worker(mail_app, at=DAY_BEFORE + dt.timedelta(hours=7))  # the worker was down 7 h
    assert reminders(take_messages(smtp_server)) == []
    rows = outbox_rows("event_reminder")
    assert len(rows) == 3 and {row.status for row in rows} == {MessageStatus.CANCELLED}

    create_organiser()
    client = mail_app.test_client()
    log_in(client)
    text = page_text(client.get("/organiser/mail/?kind=event_reminder"))
    assert "Cancelled" in text and "REMINDER_GRACE_HOURS" in text

    # Down again at the 2-hour reminder, but back 90 minutes later: still sent.
    run_worker(mail_app, at=TWO_HOURS_BEFORE + dt.timedelta(minutes=90))
    assert len(reminders(take_messages(smtp_server))) == 3


def test_two_workers_scheduling_at_once_enqueue_and_send_each_reminder_once(
        mail_app, event, smtp_server):
    if mail_app.extensions["sqlalchemy"].engine.dialect.name != "postgresql":
        pytest.skip("concurrent workers need PostgreSQL; SQLite runs one writer at a time")
    addresses = [f"person{number}@example.org" for number in range(60)]
    event.capacity = None
    db.session.commit()
    for address in addresses:
        rsvp(event, address)
    clock.set_now(DAY_BEFORE)
    two_workers_at_once(mail_app)

    received = collections.Counter(m["To"] for m in reminders(smtp_server.messages))
    assert sorted(received) == sorted(addresses) and set(received.values()) == {1}
    assert len(outbox_rows("event_reminder")) == 60


def _move(event, delta):
    operations.update_event(event, texts={}, starts_at=event.starts_at + delta,
                                  ends_at=event.ends_at + delta)
    db.session.commit()


def test_a_day_before_counts_on_the_local_clock_when_summer_time_begins(mail_app, smtp_server):
    # Sunday 29 March 2026, 12:00 CEST; clocks went forward at 02:00 that night.
    sunday = MONDAY - dt.timedelta(days=1)
    event = create_event(create_campaign(), starts_at=sunday)
    rsvp(event, "ala@example.org")
    run_worker(mail_app)
    take_messages(smtp_server)

    run_worker(mail_app, at=sunday.astimezone(dt.UTC) - dt.timedelta(hours=24))  # 11:00 CET
    assert reminders(take_messages(smtp_server)) == []
    saturday_noon = dt.datetime(2026, 3, 28, 12, 0, tzinfo=BRUSSELS)
    run_worker(mail_app, at=saturday_noon)
    [message] = reminders(take_messages(smtp_server))
    assert "Sunday, 29 March 2026, 12:00 CEST" in message["Subject"]


def test_a_reminder_comes_under_the_campaigns_name_with_its_reply_to(mail_app, smtp_server):
    campaign = create_campaign(slug="named", sender_name="Kazakhstan Solidarity",
                               reply_to="team@solidarity.example")
    event = create_event(campaign, slug="named-event", starts_at=MONDAY)
    rsvp(event, "ala@example.org", name="Ala", lang="en")
    run_worker(mail_app)
    take_messages(smtp_server)  # the confirmation
    run_worker(mail_app, at=DAY_BEFORE)
    [reminder] = take_messages(smtp_server)
    assert reminder["Subject"].startswith(REMINDER_SUBJECT["en"])
    assert reminder["From"].addresses[0].display_name == "Kazakhstan Solidarity"
    assert reminder["Reply-To"].addresses[0].addr_spec == "team@solidarity.example"
