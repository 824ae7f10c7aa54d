"""The demo campaign gains the Brussels protest in three languages, on the demo's protest day."""
import datetime as dt
from zoneinfo import ZoneInfo

from campaign.demo.loader import load_demo, protest_day
from campaign.events.models import Event
from campaign.extensions import db


def test_the_demo_has_the_protest_on_the_protest_day_at_noon_in_brussels(app, client, frozen_now):
    campaign, created, _ = load_demo()
    db.session.commit()
    event = db.session.scalar(db.select(Event))
    brussels = ZoneInfo("Europe/Brussels")
    day = protest_day(campaign.today())
    assert event.slug == "brussels-protest" and event.campaign_id == campaign.id
    assert event.starts_at == dt.datetime.combine(day, dt.time(12), tzinfo=brussels)
    assert event.ends_at == dt.datetime.combine(day, dt.time(13), tzinfo=brussels)
    assert (event.capacity, event.max_guests, event.published) == (150, 3, True)
    assert set(event.translations) == {"en", "ru", "pl"}
    assert event.text("venue_name", "pl") == "Plac Jeana Reya"
    for lang, word in (("en", "Jean Rey"), ("ru", "Жана Рея"), ("pl", "Jeana Reya")):
        html = client.get(f"/{lang}/events/brussels-protest").get_data(as_text=True)
        assert word in html and "12:00–13:00" in html
        assert 'name="email"' in html
    assert "/en/events/brussels-protest" in client.get(
        f"/en/campaigns/{campaign.slug}").get_data(as_text=True)


def test_loading_the_demo_twice_adds_no_second_event(app, frozen_now):
    load_demo()
    db.session.commit()
    load_demo()
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Event)) == 1
