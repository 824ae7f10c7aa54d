"""Closing at the key date: the page says so with the count; queued letters still go out."""
import datetime as dt

from campaign import clock
from campaign.extensions import db
from campaign.letters import deliveries as scheduling_step
from tests.factories import create_campaign, create_key_date, create_organiser, log_in, page_text
from tests.letters.helpers import confirm_all, create_action, deliveries, link_in, outbox, write


def action_closing_at_the_vote(**kwargs):
    campaign = create_campaign()
    vote = create_key_date(campaign, kind="plenary_vote", date=dt.date(2026, 12, 14),
                           time=dt.time(12, 0), texts={"en": {"title": "Plenary vote"}})
    return create_action(campaign, closing_key_date_id=vote.id, **kwargs)


def test_writing_closes_when_the_vote_starts_and_the_page_shows_the_count(client, app):
    clock.set_now(dt.datetime(2026, 12, 14, 10, 59, tzinfo=dt.UTC))  # 11:59 in Brussels
    action = action_closing_at_the_vote()
    assert action.is_open
    write(client, action)
    confirm_all(client)
    write(client, action, email="late@example.org")  # not confirmed before the vote
    [_, late] = outbox("letter_confirmation")
    late_link = link_in(late)

    clock.set_now(dt.datetime(2026, 12, 14, 11, 0, tzinfo=dt.UTC))  # 12:00 in Brussels
    page = client.get("/en/letters/write-meps?country=PL")
    text = page_text(page)
    assert "This letter action is closed" in text
    assert "1 letter sent so far" in text
    assert 'name="email"' not in page.get_data(as_text=True)
    assert write(client, action, email="after@example.org").status_code == 409
    assert client.post(late_link).status_code == 409
    db.session.expire_all()
    assert len(deliveries()) == 2  # the letter confirmed in time, to both Polish MEPs


def test_letters_queued_at_closing_are_delivered_after_it_and_reported(client, app):
    app.config.update(LETTER_TARGET_PER_HOUR=1)
    clock.set_now(dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC))
    action = action_closing_at_the_vote()
    for n in range(3):
        write(client, action, email=f"s{n}@example.org")
    confirm_all(client)
    scheduling_step.schedule_step(clock.now())
    db.session.commit()

    clock.set_now(dt.datetime(2026, 12, 14, 11, 30, tzinfo=dt.UTC))  # closed
    create_organiser()
    log_in(client)
    results = page_text(client.get(f"/organiser/letters/{action.id}/results"))
    assert "6 letters are still waiting" in results  # 2 in the outbox, 4 queued
    moved = scheduling_step.schedule_step(clock.now())
    db.session.commit()
    assert moved == 2  # one more per target this hour
    clock.advance(dt.timedelta(hours=1, minutes=1))
    assert scheduling_step.schedule_step(clock.now()) == 2
    db.session.commit()
    assert len(outbox("letter_to_target")) == 6
