"""``flask campaign demo``: the seed campaign, re-dated, loaded once."""
import datetime as dt

from campaign import clock
from campaign.campaigns.models import Campaign, KeyDate
from campaign.extensions import db
from campaign.organisers.models import Organiser
from tests.factories import page_text

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)


def counts():
    return tuple(db.session.scalar(db.select(db.func.count()).select_from(model))
                 for model in db.metadata.sorted_tables)


def test_demo_loads_the_campaign_in_three_languages(runner, client, app):
    clock.set_now(NOW)
    result = runner.invoke(args=["campaign", "demo"])
    assert result.exit_code == 0, result.output
    assert "organiser@example.org / " in result.output
    campaign = db.session.scalar(db.select(Campaign))
    assert campaign.languages == ["en", "ru", "pl"]
    for lang in ("en", "ru", "pl"):
        assert campaign.has_text(lang, "title") and campaign.has_text(lang, "body")
        assert client.get(f"/{lang}/campaigns/{campaign.slug}").status_code == 200
    assert "Paola Gaffurini" in page_text(client.get(f"/en/campaigns/{campaign.slug}"))


def test_demo_moves_the_plenary_into_the_future_keeping_the_spacing(runner, app):
    clock.set_now(NOW)
    runner.invoke(args=["campaign", "demo"])
    by_kind = {kd.kind.value: kd for kd in db.session.scalars(db.select(KeyDate))}
    protest = dt.date(2026, 11, 22) + dt.timedelta(days=14)
    assert by_kind["plenary_debate"].date == protest + dt.timedelta(days=5)
    assert by_kind["plenary_vote"].date == protest + dt.timedelta(days=6)
    anniversary = by_kind["anniversary"]
    assert anniversary.date == dt.date(2011, 12, 16) and anniversary.yearly
    dates = set(db.session.scalars(db.select(KeyDate.date)))
    assert {dt.date(2017, 10, 11), dt.date(2017, 10, 19)} <= dates


def test_the_timeline_shows_the_next_key_date_and_the_anniversary(runner, client, app):
    clock.set_now(NOW)
    runner.invoke(args=["campaign", "demo"])
    campaign = db.session.scalar(db.select(Campaign))
    text = page_text(client.get(f"/en/campaigns/{campaign.slug}"))
    assert "15th anniversary" in text
    assert "in 19 days" in text
    ru = page_text(client.get(f"/ru/campaigns/{campaign.slug}"))
    assert "15-я годовщина" in ru


def test_running_the_demo_twice_changes_nothing(runner, app):
    clock.set_now(NOW)
    runner.invoke(args=["campaign", "demo"])
    before = counts()
    password_hash = db.session.scalar(db.select(Organiser.password_hash))
    clock.set_now(NOW + dt.timedelta(days=3))
    result = runner.invoke(args=["campaign", "demo"])
    assert result.exit_code == 0 and "already present" in result.output
    assert counts() == before
    assert db.session.scalar(db.select(Organiser.password_hash)) == password_hash


def test_the_demo_organiser_can_log_in_with_the_printed_password(runner, client, app):
    result = runner.invoke(args=["campaign", "demo"])
    password = result.output.split("organiser@example.org / ")[1].split()[0]
    response = client.post("/organiser/login", data={"email": "organiser@example.org",
                                                     "password": password})
    assert response.status_code == 302
