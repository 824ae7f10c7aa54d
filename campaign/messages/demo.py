"""The demo campaign's two updates (the MEPs' letters, the PACE declaration) in EN/RU/PL."""
import datetime as dt



def add_demo_updates(campaign, demo) -> None:
    """Publish the seed updates (updates.toml) on their own dates (noon in the campaign's zone)."""
    from campaign.messages.operations import publish_update

    for seed in demo.data["update"]:
        day = demo.shift(dt.date.fromisoformat(seed["date"]))
        publish_update(campaign, published_at=dt.datetime.combine(
            day, dt.time(12), tzinfo=campaign.zone),
            texts={lang: {"subject": texts["title"],
                          "body": demo.fill(texts["body"], lang, date=day)}
                   for lang, texts in seed["translations"].items()})
