"""The demo campaign's letter action: the MEPs of the seeds as targets, closing at the vote."""
from campaign.letters import importing, operations
from campaign.letters.models import ActionStatus


def add_demo_action(campaign, demo) -> None:
    """Import the seed MEPs (letters.toml) and open an action that closes when the vote starts."""
    seed = demo.data
    rows = [importing.Row(line=n, name=t["name"], country=t["country"], group=t.get("group"),
                          email=t["email"], languages=t.get("languages"),
                          constituency=t.get("constituency"))
            for n, t in enumerate(seed["target"], start=1)]
    operations.import_targets(campaign, rows)
    operations.create_action(
        campaign, slug=seed["slug"], status=ActionStatus.OPEN,
        closing_key_date_id=demo.key_dates[seed["closes_at_key_date"]].id,
        texts=seed["translations"])
