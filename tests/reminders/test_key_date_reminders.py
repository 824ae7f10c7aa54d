"""Key-date reminders through the real worker and SMTP server, the app clock moved forward."""
import collections
import datetime as dt

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.mailing import operations as mailing_operations
from campaign.mailing import scheduling, worker
from campaign.mailing.models import MessageStatus
from campaign.messages.audiences import Audience
from campaign.petitions import operations as petition_operations
from campaign.reminders import operations
from campaign.reminders.models import ReminderRun
from tests.factories import create_campaign, create_key_date
from tests.petitions.helpers import create_petition
from tests.reminders.helpers import (BRUSSELS, outbox_rows, run_worker, take_messages, text_of,
                                     two_workers_at_once)

ANNIVERSARY_TEXTS = {
    "en": {"subject": "Today is the {ordinal} anniversary of the Zhanaozen massacre",
           "body": "On {date} we remember the **victims**."},
    "ru": {"subject": "Сегодня {ordinal} годовщина Жанаозенского расстрела",
           "body": "{date} мы вспоминаем **погибших**."},
    "pl": {"subject": "Dziś {ordinal} rocznica masakry w Zhanaozen",
           "body": "{date} wspominamy **ofiary**."},
}


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def signer(petition, email, lang="en", updates=True):
    signature = petition_operations.record_verified_signature(
        petition, name=email.split("@")[0].title(), email=email, country="PL", lang=lang)
    signature.updates = updates
    db.session.commit()
    return signature


@pytest.fixture
def campaign(mail_app):
    clock.set_now(at(2026, 12, 1, 9))
    return create_campaign()


@pytest.fixture
def supporters(campaign):
    """Ala (en), Boris (ru), Celina (pl) asked for updates; Sam did not; Gone unsubscribed."""
    petition = create_petition(campaign)
    people = {"ala@example.org": "en", "boris@example.org": "ru", "celina@example.org": "pl"}
    for email, lang in people.items():
        signer(petition, email, lang)
    signer(petition, "sam@example.org", updates=False)
    signer(petition, "gone@example.org")
    mailing_operations.unsubscribe("gone@example.org")
    db.session.commit()
    return people


def reminder_for(key_date, days_before=0, time="08:00", texts=None, **fields):
    reminder = operations.create_reminder(
        key_date, days_before=days_before, time_of_day=dt.time.fromisoformat(time),
        audience=fields.pop("audience", Audience.CAMPAIGN_SUPPORTERS),
        texts=texts or ANNIVERSARY_TEXTS, **fields)
    db.session.commit()
    return reminder


def test_a_yearly_key_date_reminds_every_year_in_each_language(mail_app, campaign, supporters,
                                                               smtp_server):
    anniversary = create_key_date(campaign, kind="anniversary", date=dt.date(2011, 12, 16),
                                  yearly=True)
    reminder_for(anniversary)

    run_worker(mail_app, at=at(2026, 12, 16, 7, 59))
    assert take_messages(smtp_server) == []
    run_worker(mail_app, at=at(2026, 12, 16, 8, 0))
    first = {m["To"]: m for m in take_messages(smtp_server)}
    run_worker(mail_app, at=at(2026, 12, 16, 9, 0))
    assert take_messages(smtp_server) == []
    run_worker(mail_app, at=at(2027, 12, 16, 8, 0))
    second = {m["To"]: m for m in take_messages(smtp_server)}

    assert sorted(first) == sorted(second) == sorted(supporters)  # not Sam, not Gone
    assert first["ala@example.org"]["Subject"] == (
        "Today is the 15th anniversary of the Zhanaozen massacre")
    assert first["boris@example.org"]["Subject"] == "Сегодня 15-я годовщина Жанаозенского расстрела"
    assert first["celina@example.org"]["Subject"] == "Dziś 15. rocznica masakry w Zhanaozen"
    assert second["ala@example.org"]["Subject"] == (
        "Today is the 16th anniversary of the Zhanaozen massacre")
    assert "On 16 December 2026 we remember the victims." in text_of(first["ala@example.org"])
    assert "16 декабря 2026" in text_of(first["boris@example.org"])
    html = first["ala@example.org"].get_body(("html",)).get_content()
    assert "<strong>victims</strong>" in html
    assert first["ala@example.org"]["List-Unsubscribe"]


def test_a_one_off_date_reminds_days_before_at_local_time_once(mail_app, campaign, supporters,
                                                              smtp_server):
    vote = create_key_date(campaign, kind="plenary_vote", date=dt.date(2026, 12, 14),
                           time=dt.time(12, 0))
    reminder_for(vote, days_before=7, time="09:30",
                 texts={"en": {"subject": "The vote is on {date}", "body": "Write to MEPs."}})

    run_worker(mail_app, at=at(2026, 12, 7, 9, 29))
    assert take_messages(smtp_server) == []
    run_worker(mail_app, at=at(2026, 12, 7, 9, 30))
    arrived = take_messages(smtp_server)
    # Only English was written: everyone gets it in English.
    assert sorted(m["To"] for m in arrived) == sorted(supporters)
    assert {m["Subject"] for m in arrived} == {"The vote is on 14 December 2026"}
    assert {m["Content-Language"] for m in arrived} == {"en"}
    run_worker(mail_app, at=at(2027, 12, 7, 9, 30))
    assert take_messages(smtp_server) == []


def test_markdown_with_script_tags_is_sanitised(mail_app, campaign, supporters, smtp_server):
    day = create_key_date(campaign, date=dt.date(2026, 12, 10))
    reminder_for(day, texts={"en": {
        "subject": "Act <b>now</b>",
        "body": "Hi <script>alert('x')</script> **all** [click](javascript:alert(1)) "
                "<img src=x onerror=alert(2)>"}})
    run_worker(mail_app, at=at(2026, 12, 10, 8))
    message = next(m for m in take_messages(smtp_server) if m["To"] == "ala@example.org")
    html = message.get_body(("html",)).get_content()
    assert "<strong>all</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "<script" not in text_of(message)


def test_a_reminder_missed_beyond_the_grace_period_is_skipped_unless_it_catches_up(
        mail_app, campaign, supporters, smtp_server):
    day = create_key_date(campaign, date=dt.date(2026, 12, 10))
    skipped = reminder_for(day, texts={"en": {"subject": "Skipped", "body": "x"}})
    reminder_for(day, catch_up=True, texts={"en": {"subject": "Caught up", "body": "x"}})

    run_worker(mail_app, at=at(2026, 12, 10, 17))  # the worker was down since 08:00
    arrived = take_messages(smtp_server)
    assert {m["Subject"] for m in arrived} == {"Caught up"} and len(arrived) == 3
    late = [row for row in outbox_rows("key_date_reminder") if row.payload["reminder_id"]
            == skipped.id]
    assert len(late) == 3 and {row.status for row in late} == {MessageStatus.CANCELLED}
    assert all("REMINDER_GRACE_HOURS" in row.last_error for row in late)
    run = db.session.scalar(db.select(ReminderRun).where(ReminderRun.reminder_id == skipped.id))
    assert run.skipped

    run_worker(mail_app, at=at(2026, 12, 11, 9))
    assert take_messages(smtp_server) == []


def test_a_worker_back_within_the_grace_period_still_sends(mail_app, campaign, supporters,
                                                          smtp_server):
    day = create_key_date(campaign, date=dt.date(2026, 12, 10))
    reminder_for(day, days_before=1)
    run_worker(mail_app, at=at(2026, 12, 9, 13, 30))  # 5.5 hours late
    assert len(take_messages(smtp_server)) == 3


def test_a_deleted_reminder_queued_for_later_is_cancelled(mail_app, campaign, supporters,
                                                         smtp_server):
    day = create_key_date(campaign, date=dt.date(2026, 12, 10))
    reminder = reminder_for(day)
    clock.set_now(at(2026, 12, 10, 8))
    scheduling.run_steps(every_step=True)
    operations.delete_reminder(reminder)
    db.session.commit()
    worker.deliver_due(mail_app)
    assert take_messages(smtp_server) == []
    assert {row.status for row in outbox_rows("key_date_reminder")} == {MessageStatus.CANCELLED}


def test_two_workers_scheduling_at_once_send_each_key_date_reminder_once(
        mail_app, campaign, smtp_server):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent workers need PostgreSQL; SQLite runs one writer at a time")
    petition = create_petition(campaign)
    addresses = [f"supporter{number:03}@example.org" for number in range(80)]
    for address in addresses:
        signer(petition, address)
    reminder = reminder_for(create_key_date(campaign, date=dt.date(2026, 12, 10)))
    clock.set_now(at(2026, 12, 10, 8))
    two_workers_at_once(mail_app)

    received = collections.Counter(m["To"] for m in smtp_server.messages)
    assert sorted(received) == addresses and set(received.values()) == {1}
    assert db.session.scalar(db.select(ReminderRun.recipients).where(
        ReminderRun.reminder_id == reminder.id)) == 80


def test_a_reminder_added_after_its_time_is_not_reported_as_missed(mail_app, campaign,
                                                                    supporters, smtp_server):
    """On 1 December an organiser adds "7 days before" to a date on 5 December: that time
    passed before the reminder existed; nobody missed it, so neither the mail log nor the key
    date's page may say the mail worker was not running."""
    from tests.factories import create_organiser, log_in, page_text

    day = create_key_date(campaign, date=dt.date(2026, 12, 5))
    reminder_for(day, days_before=7, texts={"en": {"subject": "A week to go", "body": "x"}})
    reminder_for(day, days_before=1, texts={"en": {"subject": "Tomorrow", "body": "x"}})

    run_worker(mail_app, at=at(2026, 12, 1, 9, 5))
    assert take_messages(smtp_server) == []
    assert outbox_rows("key_date_reminder") == []
    create_organiser()
    client = mail_app.test_client()
    log_in(client)
    page = page_text(client.get(f"/organiser/key-dates/{day.id}"))
    assert "skipped" not in page

    run_worker(mail_app, at=at(2026, 12, 4, 8))  # the later one still goes out
    assert {m["Subject"] for m in take_messages(smtp_server)} == {"Tomorrow"}


def test_attendees_are_told_they_get_it_because_they_registered(mail_app, campaign,
                                                               smtp_server):
    from tests.events.helpers import create_event, rsvp

    event = create_event(campaign, starts_at=at(2026, 12, 20, 12))
    rsvp(event, "ala@example.org")
    vote = create_key_date(campaign, kind="plenary_vote", date=dt.date(2026, 12, 17))
    reminder_for(vote, days_before=1, audience=Audience.EVENT_ATTENDEES, scope_id=event.id)

    run_worker(mail_app, at=at(2026, 12, 16, 8, 0))
    [message] = [m for m in take_messages(smtp_server) if "Zhanaozen" in m["Subject"]]
    assert "because you registered for an event of" in text_of(message)
    assert "asked for news" not in text_of(message), "Ala did not ask for news"
