"""The demo campaign's key-date reminders: the debate, the vote and the anniversary, at 08:00
in Brussels, to the campaign's supporters, in English, Russian and Polish."""
import datetime as dt

from campaign.demo import content
from campaign.messages.audiences import Audience


def add_reminders(campaign, protest_day: dt.date):
    """Attach each seed reminder to its key date (found by its English title)."""
    from campaign.reminders.operations import create_reminder

    titles = {item["key"]: item["translations"]["en"]["title"] for item in content.KEY_DATES}
    key_dates = {key_date.text("title", "en"): key_date for key_date in campaign.key_dates}
    for seed in content.KEY_DATE_REMINDERS:
        create_reminder(key_dates[titles[seed["key_date"]]], days_before=seed["offset_days"],
                        time_of_day=dt.time.fromisoformat(seed["at_local_time"]),
                        audience=Audience.CAMPAIGN_SUPPORTERS,
                        catch_up=seed["offset_days"] == 0, texts=seed["translations"])
