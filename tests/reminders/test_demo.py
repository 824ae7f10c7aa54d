"""The demo campaign's reminders: the debate, the vote and the anniversary, in EN, RU and PL."""
import datetime as dt
from zoneinfo import ZoneInfo

from campaign import clock
from campaign.campaigns.models import KeyDate
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.petitions import operations as petition_operations
from campaign.petitions.models import Petition
from campaign.reminders.models import KeyDateReminder

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)


def test_the_demo_reminds_of_the_debate_the_vote_and_the_anniversary(runner, app):
    clock.set_now(NOW)
    assert runner.invoke(args=["campaign", "demo"]).exit_code == 0
    assert runner.invoke(args=["campaign", "demo"]).exit_code == 0  # idempotent
    reminders = db.session.scalars(db.select(KeyDateReminder)).all()
    assert sorted(r.key_date.kind.value for r in reminders) == [
        "anniversary", "plenary_debate", "plenary_vote"]
    for reminder in reminders:
        assert all(reminder.has_text(lang, "subject") and reminder.has_text(lang, "body")
                   for lang in ("en", "ru", "pl"))

    petition = db.session.scalar(db.select(Petition))
    signature = petition_operations.record_verified_signature(
        petition, name="Olga", email="olga@example.org", country="PL", lang="ru")
    signature.updates = True
    db.session.commit()
    anniversary = db.session.scalar(db.select(KeyDate).where(KeyDate.kind == "anniversary"))
    assert anniversary.date == dt.date(2011, 12, 16)
    morning = dt.datetime(2026, 12, 16, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    clock.set_now(morning)
    assert runner.invoke(args=["campaign", "worker", "--once"]).exit_code == 0
    db.session.expire_all()
    rows = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.kind == "key_date_reminder")).all()
    # The debate's and the vote's reminders (10 and 11 December) were missed while no worker
    # ran: logged as skipped. The anniversary's goes to the mail log (no MAIL_SERVER).
    assert sorted(r.status.value for r in rows) == ["cancelled", "cancelled", "sent"]
    row = next(r for r in rows if r.status == "sent")
    assert row.to_address == "olga@example.org"
    assert row.subject == "Сегодня 15-я годовщина Жанаозенского расстрела"
