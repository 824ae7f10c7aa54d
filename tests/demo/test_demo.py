"""``flask campaign demo``: the seed campaign, re-dated, loaded once."""
import datetime as dt

import pytest

from campaign import clock
from campaign.campaigns.models import Campaign, KeyDate
from campaign.events.models import Event
from campaign.extensions import db
from campaign.messages.models import OrganiserMessage
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


@pytest.mark.parametrize("today", ["2026-01-15", "2026-06-30", "2026-11-22", "2026-12-02", "2026-12-07",
                                   "2026-12-20", "2028-02-29"])
def test_the_demo_tells_its_story_in_order_on_any_date(runner, client, app, today):
    """Letters and updates before today, then the protest two days ahead or more, the debate and
    the vote the week after, and the Zhanaozen anniversary two days later."""
    today = dt.date.fromisoformat(today)
    clock.set_now(dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC))
    runner.invoke(args=["campaign", "demo"])
    campaign = db.session.scalar(db.select(Campaign))
    kd = {k.kind.value if k.kind.value != "other" else k.text("title", "en")[:4]: k
          for k in db.session.scalars(db.select(KeyDate))}
    protest = db.session.scalar(db.select(Event)).starts_at.date()
    pace, letters = kd["PACE"].date, kd["MEPs"].date
    updates = sorted(u.published_at.date() for u in db.session.scalars(
        db.select(OrganiserMessage).where(OrganiserMessage.published_at.is_not(None))))
    assert pace < letters < updates[-1] < today, "the story so far is in the past"
    assert updates == [pace, updates[-1]] and (updates[-1] - letters).days == 25
    assert protest - today >= dt.timedelta(days=2)
    assert (protest.month, protest.day) == (12, 8)
    assert kd["plenary_debate"].date == protest + dt.timedelta(days=5)
    assert kd["plenary_vote"].date == protest + dt.timedelta(days=6)
    anniversary = kd["anniversary"]
    assert anniversary.yearly and anniversary.date == dt.date(2011, 12, 16)
    assert anniversary.occurrence(protest) == protest + dt.timedelta(days=8)

    english = page_text(client.get(f"/en/campaigns/{campaign.slug}"))
    assert f"The letter of {letters.day} {letters:%B} {letters.year} was signed" in english
    russian = page_text(client.get(f"/ru/campaigns/{campaign.slug}"))
    assert f"Письмо от {letters.day} " in russian and "{meps-letters}" not in russian
    polish = page_text(client.get(f"/pl/campaigns/{campaign.slug}"))
    assert f"List z {letters.day} " in polish and "{date}" not in polish


def test_the_timeline_shows_the_next_key_date_and_the_anniversary(runner, client, app):
    clock.set_now(NOW)
    runner.invoke(args=["campaign", "demo"])
    campaign = db.session.scalar(db.select(Campaign))
    text = page_text(client.get(f"/en/campaigns/{campaign.slug}"))
    assert "15th anniversary" in text
    assert "in 21 days" in text  # the debate: 13 December, the week after the protest
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
