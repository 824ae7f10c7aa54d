"""The demo campaign's key-date reminders: the debate, the vote and the anniversary, at 08:00
in Brussels, to the campaign's supporters, in English, Russian and Polish."""
import datetime as dt

from campaign.messages.audiences import Audience


def add_reminders(campaign, demo):
    """Attach each seed reminder (reminders.toml) to its key date."""
    from campaign.reminders.operations import create_reminder

    for seed in demo.data["reminder"]:
        create_reminder(demo.key_dates[seed["key_date"]], days_before=seed["offset_days"],
                        time_of_day=dt.time.fromisoformat(seed["at_local_time"]),
                        audience=Audience.CAMPAIGN_SUPPORTERS,
                        catch_up=seed["offset_days"] == 0, texts=seed["translations"])
