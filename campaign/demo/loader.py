"""``flask campaign demo``: the 2017 Kazakhstan campaign, re-dated so its story holds today.

The seeds: the PACE declaration (11 October 2017), the MEPs' letters (19 October), their
written questions (13 November), the protest in Brussels (8 December), the plenary debate
(13th) and vote (14th) the week after, then the Zhanaozen anniversary (16 December, its real
day every year). The demo keeps that order on any date: the protest, debate and vote fall on
their seed days in the first year whose 8 December is at least two days ahead, so the
anniversary still follows two days after the vote; what happened before the protest moves
with it, but never later than yesterday (spacing kept). Texts name these days through
placeholders ({meps-letters}, {date}) that the steps fill in (``DemoContext.fill``).
Loading is idempotent: when the campaign exists, nothing changes.
"""
import datetime as dt
import secrets
from pathlib import Path

from campaign.campaigns import operations as campaign_operations
from campaign.campaigns.models import Campaign, CampaignStatus
from campaign.core import demo as demo_steps
from campaign.core.demo import DemoContext
from campaign.demo import content
from campaign.extensions import db
from campaign.organisers import door_events, operations as organiser_operations, teams
from campaign.organisers.roles import Role

SEED_PROTEST_DAY = dt.date(2017, 12, 8)
#: The latest seed date before the protest (the MEPs' written questions, an update).
SEED_LAST_BEFORE = dt.date(2017, 11, 13)
#: The protest is at least this far ahead, so there is time to RSVP and be reminded.
MIN_LEAD = dt.timedelta(days=2)
DEMO_ORGANISER_EMAIL = "organiser@example.org"
DEMO_DOOR_EMAIL = "door@example.org"
#: The demo's team: the campaign's owner and a volunteer who checks people in at the door.
DEMO_TEAM = ((DEMO_ORGANISER_EMAIL, "Demo organiser", Role.OWNER),
             (DEMO_DOOR_EMAIL, "Demo door volunteer", Role.DOOR))


def protest_day(today: dt.date) -> dt.date:
    """8 December of the first year where it is at least MIN_LEAD after *today*."""
    day = SEED_PROTEST_DAY.replace(year=today.year)
    return day if day - today >= MIN_LEAD else day.replace(year=today.year + 1)


def shifted(seed_day: dt.date, today: dt.date) -> dt.date:
    """A seed date moved into the demo's story (see the module's docstring)."""
    ahead = protest_day(today) - SEED_PROTEST_DAY
    if seed_day >= SEED_PROTEST_DAY:
        return seed_day + ahead
    before = min(ahead, (today - dt.timedelta(days=1)) - SEED_LAST_BEFORE)
    return seed_day + before


def load_demo(instance_path: str | None = None) -> tuple[Campaign, bool, dict[str, str]]:
    """Create the demo campaign and its team (owner, door volunteer) unless they exist.

    :return: (campaign, created?, {e-mail: password} of the accounts created now)
    """
    campaign = db.session.scalar(
        db.select(Campaign).where(Campaign.slug == content.CAMPAIGN["slug"]))
    created = campaign is None
    if created:
        campaign, key_dates = _create_campaign()
        today = campaign.today()
        for step in demo_steps.steps():
            data = content.read(step.data) if step.data else {}
            step.run(campaign, DemoContext(
                protest_day=protest_day(today), data=data, key_dates=key_dates,
                shift=lambda seed_day: shifted(seed_day, today)))
    passwords = _create_team(campaign, instance_path)
    db.session.flush()
    return campaign, created, passwords


def _create_campaign() -> tuple[Campaign, dict]:
    seed = content.CAMPAIGN
    campaign = campaign_operations.create_campaign(
        slug=seed["slug"], default_language=seed["default_language"],
        languages=seed["languages"], timezone=seed["timezone"],
        contact_name=seed["contact_name"], contact_email=seed["contact_email"],
        privacy_holder=seed.get("privacy_holder"), status=CampaignStatus.ACTIVE, texts=seed["translations"])
    today = campaign.today()
    key_dates = {}
    for item in content.KEY_DATES:
        day = dt.date.fromisoformat(item["date"])
        if not item.get("yearly"):  # an anniversary stays on its real day
            day = shifted(day, today)
        key_dates[item["key"]] = campaign_operations.create_key_date(
            campaign, kind=item["kind"], date=day,
            time=dt.time.fromisoformat(item["time"]) if item.get("time") else None,
            yearly=item.get("yearly", False), link=item.get("link"),
            texts=item["translations"])
    return campaign, key_dates


#: How the audit log names the demo command as the actor.
AUDITED_AS = "demo command"


def _create_team(campaign: Campaign, instance_path: str | None) -> dict[str, str]:
    """The demo's owner and door volunteer, each made once; their new passwords by e-mail."""
    created = {}
    for email, name, role in DEMO_TEAM:
        organiser = organiser_operations.find_organiser(email)
        if organiser is None:
            created[email] = secrets.token_urlsafe(12)
            organiser = organiser_operations.create_organiser(email, name, created[email],
                                                              via=AUDITED_AS)
        if teams.membership(organiser.id, campaign.id) is None:
            membership = teams.set_role(organiser, campaign.id, role, via=AUDITED_AS)
            if role == Role.DOOR:  # the owner's choice, made for the demo: every event
                door_events.set_events(membership, door_events.event_ids(campaign.id),
                                       record=False)
    if created and instance_path:
        path = Path(instance_path) / "demo-organiser.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{role}: {email} / {created[email]}\n"
                                for email, _name, role in DEMO_TEAM if email in created))
        path.chmod(0o600)
    return created
