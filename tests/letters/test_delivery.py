"""Delivery fit for a parliament's inbox: caps per target and hour/day, From "<name> via
<campaign>", Reply-To the supporter, in their words, through the outbox and a real SMTP server."""
import datetime as dt

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.letters import deliveries as scheduling_step
from campaign.letters import operations
from campaign.letters.models import DeliveryState, Letter
from campaign.mailing import worker
from tests import smtp
from tests.letters.helpers import create_action, deliveries, outbox, write


def confirmed_letters(action, count, country="PL"):
    """*count* supporters write and confirm (straight through the operations)."""
    for n in range(count):
        operations.write(action, name=f"Supporter {n}", email=f"s{n}@example.org",
                         country=country, subject="Free them", body=f"Letter {n}",
                         updates=False, lang="en")
    db.session.flush()
    for letter in db.session.scalars(db.select(Letter)):
        operations.confirm(letter)
    db.session.commit()


def states():
    db.session.expire_all()
    found = {}
    for delivery in deliveries():
        found[delivery.state] = found.get(delivery.state, 0) + 1
    return found


def test_the_hourly_cap_holds_and_the_rest_go_out_in_later_hours(app, frozen_now):
    app.config.update(LETTER_TARGET_PER_HOUR=20, LETTER_TARGET_PER_DAY=100)
    action = create_action()
    confirmed_letters(action, 25)  # 25 letters to each of the two Polish MEPs
    assert scheduling_step.schedule_step(clock.now()) == 40
    db.session.commit()
    assert len(outbox("letter_to_target")) == 40
    assert states() == {DeliveryState.SCHEDULED: 40, DeliveryState.QUEUED: 10}

    worker.deliver_due(app)
    clock.advance(dt.timedelta(minutes=30))
    assert scheduling_step.schedule_step(clock.now()) == 0  # the same hour: nothing more
    db.session.commit()
    assert states() == {DeliveryState.SENT: 40, DeliveryState.QUEUED: 10}

    clock.advance(dt.timedelta(minutes=31))
    assert scheduling_step.schedule_step(clock.now()) == 10
    db.session.commit()
    worker.deliver_due(app)
    scheduling_step.schedule_step(clock.now())
    db.session.commit()
    assert states() == {DeliveryState.SENT: 50}
    per_target = {}
    for row in outbox("letter_to_target"):
        per_target[row.to_address] = per_target.get(row.to_address, 0) + 1
    assert per_target == {"jan.kowalski@example.org": 25, "ewa.nowak@example.org": 25}


def test_the_daily_cap_holds_across_hours(app, frozen_now):
    app.config.update(LETTER_TARGET_PER_HOUR=20, LETTER_TARGET_PER_DAY=30)
    action = create_action()
    confirmed_letters(action, 45, country="BE")  # one Belgian target
    moved = []
    for _ in range(4):
        moved.append(scheduling_step.schedule_step(clock.now()))
        db.session.commit()
        clock.advance(dt.timedelta(hours=1, minutes=1))
    assert moved == [20, 10, 0, 0]
    clock.advance(dt.timedelta(hours=21))
    assert scheduling_step.schedule_step(clock.now()) == 15
    db.session.commit()


@pytest.fixture
def server():
    running = smtp.SMTPServer().start()
    yield running
    running.stop()


def test_a_letter_goes_from_the_site_in_the_supporters_name_with_reply_to_them(
        make_app, server):
    app = make_app(**server.config, MAIL_DEFAULT_SENDER="Campaign <campaign@campaign.test>")
    client = app.test_client()
    with app.app_context():
        action = create_action()
        write(client, action, name="Anna Kowalska", email="Anna.K@Example.org",
              body="Dear MEP,\n\nI live in Kraków. Please free them.")
        worker.deliver_due(app)  # the confirmation
        [confirmation] = server.messages
        link = confirmation.get_body(("plain",)).get_content().split("https://campaign.test")[1]
        client.post(link.split()[0])
        from campaign.mailing import scheduling
        scheduling.run_steps(every_step=True)
        worker.deliver_due(app)
        scheduling.run_steps(every_step=True)
        assert states() == {DeliveryState.SENT: 2}

    letters = sorted(server.messages[1:], key=lambda m: m["To"])
    assert [m["To"] for m in letters] == ["ewa.nowak@example.org", "jan.kowalski@example.org"]
    message = letters[0]
    assert message["From"].addresses[0].display_name == "Anna Kowalska via Free them"
    assert message["From"].addresses[0].addr_spec == "campaign@campaign.test"
    assert str(message["Reply-To"]) == "Anna Kowalska <anna.k@example.org>"
    assert message["Subject"] == "Political prisoners first"
    text = message.get_body(("plain",)).get_content()
    assert "Dear Ewa Nowak," in text
    assert "I live in Kraków. Please free them." in text
    assert "List-Unsubscribe" not in message
