"""The public campaign page: text per language with fallback, the key-date timeline."""
import datetime as dt

import pytest

from campaign import clock
from tests.factories import create_campaign, create_key_date, page_text

# 1 December 2026, 10:00 in Brussels.
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def campaign(app):
    clock.set_now(NOW)
    return create_campaign(texts={
        "en": {"title": "Free them", "summary": "Summary EN", "body": "Body **EN**"},
        "ru": {"title": "Освободите их", "summary": "Кратко"},
    })


def test_the_page_shows_the_campaign_in_the_visitors_language(client, campaign):
    html = client.get("/ru/campaigns/free-them").get_data(as_text=True)
    assert "<h1>Освободите их</h1>" in html
    assert "Кратко" in html
    assert '<html lang="ru">' in html


def test_missing_text_falls_back_to_the_default_language(client, campaign):
    ru = client.get("/ru/campaigns/free-them").get_data(as_text=True)
    assert "Body <strong>EN</strong>" in ru
    pl = client.get("/pl/campaigns/free-them").get_data(as_text=True)
    assert "<h1>Free them</h1>" in pl


def test_the_contact_person_is_shown(client, campaign):
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert "Anna Kowalska" in html and "mailto:anna@example.org" in html


def test_drafts_are_not_public(client, app):
    create_campaign(slug="secret", status="draft")
    assert client.get("/en/campaigns/secret").status_code == 404
    assert "secret" not in client.get("/en/").get_data(as_text=True)


def test_the_home_page_lists_active_campaigns(client, campaign):
    create_campaign(slug="old", status="archived", texts={"en": {"title": "Old campaign"}})
    html = client.get("/pl/").get_data(as_text=True)
    assert "Free them" in html and "/pl/campaigns/free-them" in html
    assert "Old campaign" not in html


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(client, campaign):
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert 'href="/ru/campaigns/free-them"' in html
    assert 'href="/pl/campaigns/free-them"' in html


def test_timeline_lists_coming_dates_first_then_past_ones_muted(client, campaign):
    create_key_date(campaign, date=dt.date(2026, 11, 19), texts={"en": {"title": "Letters"}})
    create_key_date(campaign, kind="plenary_vote", date=dt.date(2026, 12, 14),
                    texts={"en": {"title": "Vote"}})
    create_key_date(campaign, kind="plenary_debate", date=dt.date(2026, 12, 13),
                    texts={"en": {"title": "Debate"}})
    page = client.get("/en/campaigns/free-them").get_data(as_text=True)
    html = page[page.index('class="timeline"'):]
    letters, debate, vote = (html.index(t) for t in ("Letters", "Debate", "Vote"))
    assert debate < vote < letters
    past = html[:letters]
    assert past.rfind("is-past") > past.rfind("<li")
    assert "in 12 days" in html[html.rfind("<li", 0, debate):debate]
    assert "is-next" in html[html.rfind("<li", 0, debate):debate]
    assert "is-next" not in html[html.rfind("<li", 0, vote):vote]


def test_a_yearly_date_shows_its_coming_anniversary_with_the_ordinal(client, campaign):
    create_key_date(campaign, kind="anniversary", date=dt.date(2011, 12, 16), yearly=True,
                    texts={"en": {"title": "Zhanaozen massacre"}})
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert "16 December 2026" in html
    assert "15th anniversary" in html


def test_a_yearly_date_moves_to_next_year_once_passed(client, campaign):
    create_key_date(campaign, kind="anniversary", date=dt.date(2011, 11, 16), yearly=True,
                    texts={"en": {"title": "Something"}})
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert "16 November 2027" in html and "16th anniversary" in html


def test_the_next_date_says_tomorrow_and_today(client, campaign):
    key_date = create_key_date(campaign, date=dt.date(2026, 12, 2), texts={"en": {"title": "X"}})
    assert "tomorrow" in client.get("/en/campaigns/free-them").get_data(as_text=True)
    clock.set_now(dt.datetime(2026, 12, 2, 7, 0, tzinfo=dt.UTC))
    assert "today" in client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert key_date.occurrence(dt.date(2026, 12, 3)) is None


def test_dates_are_formatted_for_the_language(client, campaign):
    create_key_date(campaign, date=dt.date(2026, 12, 13), time=dt.time(15, 0),
                    texts={"en": {"title": "Debate"}})
    assert "13 December 2026, 15:00 CET" in page_text(client.get("/en/campaigns/free-them"))
    assert "13 декабря 2026 г., 15:00 CET" in page_text(client.get("/ru/campaigns/free-them"))
    assert "13 grudnia 2026, 15:00 CET" in page_text(client.get("/pl/campaigns/free-them"))


def test_organiser_text_is_escaped_and_markdown_sanitised(client, app):
    create_campaign(slug="xss", texts={"en": {
        "title": "<script>alert(1)</script>", "summary": "<b>s</b>",
        "body": "ok <script>alert(2)</script> [x](javascript:alert(3))"}})
    html = client.get("/en/campaigns/xss").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html


def test_cyrillic_and_polish_text_survive(client, app):
    create_campaign(slug="zazolc", texts={"en": {"title": "Zażółć gęślą jaźń — Съешь же"}})
    html = client.get("/pl/campaigns/zazolc").get_data(as_text=True)
    assert "Zażółć gęślą jaźń — Съешь же" in html


def test_the_next_key_date_and_its_countdown_come_before_the_story(client, campaign):
    create_key_date(campaign, kind="plenary_debate", date=dt.date(2026, 12, 13),
                    texts={"en": {"title": "Debate"}})
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    lead = html[html.index("<main"):html.index('class="lead"')]
    assert "Next key date" in lead and "Debate" in lead and "in 12 days" in lead
