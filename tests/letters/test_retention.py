"""Letters follow the retention rules: name, address and words go RETAIN_LETTER_DAYS after the
action closed (once every letter went out); counts stay; unconfirmed ones go with their mail."""
import datetime as dt

import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.letters import deliveries as delivery_steps, operations, queries
from campaign.letters.models import LetterState
from campaign.mailing import scheduling, worker
from campaign.mailing.models import OutboxMessage
from tests.letters.helpers import confirm_all, create_action, deliveries, letters, outbox, write


def _write_and_confirm(client, app, action):
    write(client, action, email="anna@example.org")
    write(client, action, email="olga@example.org", country="BE", name="Olga K")
    confirm_all(client)
    db.session.expire_all()
    delivery_steps.schedule_step(clock.now())
    db.session.commit()
    worker.deliver_due(app)


def test_letters_lose_personal_data_after_the_retention_and_the_counts_stay(client, app):
    action = create_action()
    _write_and_confirm(client, app, action)
    operations.close_action(action)
    db.session.commit()
    closed = clock.now()

    clock.set_now(closed + dt.timedelta(days=89))
    scheduling.run_steps(every_step=True)
    db.session.expire_all()
    assert {letter.name for letter in letters()} == {"Anna Kowalska", "Olga K"}

    clock.set_now(closed + dt.timedelta(days=91))
    scheduling.run_steps(every_step=True)
    db.session.expire_all()
    for letter in letters():
        assert (letter.name, letter.subject, letter.body) == ("", "", "")
        assert letter.email.endswith("@erased.invalid") and letter.erased_at is not None
        assert letter.state == LetterState.CONFIRMED
    assert all("@erased.invalid" in d.email_canonical for d in deliveries())
    assert queries.letters_sent(action) == 2
    assert dict(queries.letters_by_country(action)) == {"PL": 1, "BE": 1}
    assert len(deliveries()) == 3  # two Polish MEPs and one Belgian: still counted per target
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.to_address.in_(["anna@example.org", "olga@example.org"]))) == 0


def test_a_letter_still_waiting_under_the_caps_is_sent_before_it_is_erased(client, app):
    app.config["LETTER_TARGET_PER_DAY"] = 0  # nothing may go out yet
    try:
        action = create_action()
        _write_and_confirm(client, app, action)
        operations.close_action(action)
        db.session.commit()
        clock.set_now(clock.now() + dt.timedelta(days=120))
        scheduling.run_steps(every_step=True)
        db.session.expire_all()
        assert {letter.name for letter in letters()} == {"Anna Kowalska", "Olga K"}
    finally:
        app.config["LETTER_TARGET_PER_DAY"] = 100


def test_an_unconfirmed_letter_goes_with_its_confirmation_mail(client, app):
    action = create_action()
    write(client, action)
    assert len(outbox("letter_confirmation")) == 1
    clock.set_now(clock.now() + dt.timedelta(days=9))
    scheduling.run_steps(every_step=True)
    db.session.expire_all()
    assert letters() == [] and outbox("letter_confirmation") == []


def test_the_link_holds_a_random_key_and_dies_with_the_letters_data(client, app):
    from campaign.core.signing import read_token
    from campaign.letters.mail import TOKEN_PURPOSE
    from tests.letters.helpers import link_in

    action = create_action()
    write(client, action)
    link = link_in(outbox("letter_confirmation")[0])
    key = read_token(TOKEN_PURPOSE, link.rsplit("/", 1)[1], max_age=3600)
    assert isinstance(key, str) and len(key) == 24 and str(letters()[0].id) != key
    client.post(link)
    operations.close_action(action)
    db.session.commit()
    clock.set_now(clock.now() + dt.timedelta(days=91))
    from campaign.mailing import worker as mail_worker

    delivery_steps.schedule_step(clock.now())
    db.session.commit()
    mail_worker.deliver_due(app)
    scheduling.run_steps(every_step=True)
    db.session.expire_all()
    assert letters()[0].erased_at is not None and letters()[0].link_key is None
    assert client.get(link).status_code in (404, 410)  # unknown key, and long expired
