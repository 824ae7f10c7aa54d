"""A message published as an update appears on the campaign page, in each language, dated."""
import datetime as dt

from campaign import clock
from campaign.campaigns.models import Campaign
from campaign.extensions import db
from tests.factories import create_campaign, page_text
from tests.messages.helpers import compose, message_id_of, run_worker, send


def test_an_update_shows_in_each_language_with_its_date(organiser_client, client, app,
                                                        frozen_now):
    campaign = create_campaign()
    message_id = message_id_of(compose(
        organiser_client, campaign, "", publish=True,
        en=("Letters delivered", "We delivered **4,000** letters."),
        ru=("Письма вручены", "Мы вручили **4000** писем.")))
    assert "Letters delivered" not in page_text(client.get("/en/campaigns/free-them"))

    send(organiser_client, message_id)
    run_worker(app)

    english = page_text(client.get("/en/campaigns/free-them"))
    assert "Updates Letters delivered 1 December 2026 We delivered 4,000 letters." in english
    russian = page_text(client.get("/ru/campaigns/free-them"))
    assert "Письма вручены 1 декабря 2026 г. Мы вручили 4000 писем." in russian
    polish = page_text(client.get("/pl/campaigns/free-them"))
    assert "Letters delivered" in polish, "no Polish text: the campaign's default language"


def test_a_scheduled_update_appears_at_its_time(organiser_client, client, app, frozen_now):
    campaign = create_campaign()
    message_id = message_id_of(compose(organiser_client, campaign, "", publish=True,
                                       en=("Vote tomorrow", "Call your MEP.")))
    send(organiser_client, message_id, when="later", send_at="2026-12-02T10:00")
    run_worker(app)
    assert "Vote tomorrow" not in page_text(client.get("/en/campaigns/free-them"))
    clock.set_now(dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC))  # 10:00 in Brussels
    run_worker(app)
    assert "Vote tomorrow 2 December 2026" in page_text(client.get("/en/campaigns/free-them"))


def test_the_demo_campaign_has_the_two_seed_updates(runner, client, app):
    result = runner.invoke(args=["campaign", "demo"])
    assert result.exit_code == 0, result.output
    slug = db.session.scalar(db.select(Campaign.slug))
    english = page_text(client.get(f"/en/campaigns/{slug}"))
    assert "MEPs address Kazakhstani authorities" in english
    assert "2017" not in english.split("Updates", 1)[1].split("Key dates", 1)[0].replace(
        "12 June 2017", ""), "the updates are dated in the demo's story, not in 2017"
    assert english.index("MEPs address") < english.index("PACE: ")  # newest first
    html = client.get(f"/en/campaigns/{slug}").get_data(as_text=True)
    collapsed = html[html.index('<details class="more-updates">'):]
    assert "1 more update" in collapsed and "PACE: " in collapsed
    assert "MEPs address" not in collapsed, "the latest is open"
    assert "ПАСЕ: «Казахстан" in page_text(client.get(f"/ru/campaigns/{slug}"))
    assert "ZPRE: „Kazachstan" in page_text(client.get(f"/pl/campaigns/{slug}"))


def test_publishing_an_update_now_shows_it_at_once(organiser_client, client, frozen_now):
    """No mail to wait for: the campaign page has it as soon as the organiser publishes."""
    campaign = create_campaign()
    message_id = message_id_of(compose(organiser_client, campaign, "", publish=True,
                                       en=("Letters delivered", "We delivered them.")))
    response = send(organiser_client, message_id)
    assert "The update is published." in page_text(
        organiser_client.get(response.headers["Location"]))
    assert "Letters delivered 1 December 2026" in page_text(client.get("/en/campaigns/free-them"))
