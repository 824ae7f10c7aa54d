"""Reads for campaign pages: lookups that 404, the list of campaigns, the key-date timeline."""
from dataclasses import dataclass
from datetime import date

from flask import abort

from campaign.campaigns.models import Campaign, CampaignStatus, KeyDate
from campaign.extensions import db


def get_public_campaign(slug: str) -> Campaign:
    """The campaign visitors may see (active or archived).

    :raise 404: when there is no such campaign or it is still a draft.
    """
    campaign = db.session.scalar(db.select(Campaign).where(Campaign.slug == slug))
    if campaign is None or not campaign.is_public:
        abort(404)
    return campaign


@dataclass(frozen=True)
class CampaignVersion:
    """What a cache needs to know about a campaign, read without loading the campaign."""
    id: int
    slug: str
    revision: int
    created_at: object
    updated_at: object


#: The row behind :class:`CampaignVersion`, by ``slug`` (also run outside the ORM session by
#: the feed's revalidation, campaign/calendar/revalidation.py).
PUBLIC_VERSION = (db.select(Campaign.id, Campaign.slug, Campaign.revision, Campaign.created_at,
                            Campaign.updated_at)
                  .where(Campaign.slug == db.bindparam("slug"),
                         Campaign.status != CampaignStatus.DRAFT))


def get_public_version(slug: str) -> CampaignVersion:
    """One small indexed row: enough to answer a conditional GET.

    :raise 404: when there is no such public campaign.
    """
    row = db.session.execute(PUBLIC_VERSION, {"slug": slug}).first()
    if row is None:
        abort(404)
    return CampaignVersion(*row)


def get_campaign(campaign_id: int) -> Campaign:
    """Any campaign, for organisers. :raise 404: when it does not exist."""
    return db.get_or_404(Campaign, campaign_id)


def get_key_date(key_date_id: int) -> KeyDate:
    """:raise 404: when the key date does not exist."""
    return db.get_or_404(KeyDate, key_date_id)


def active_campaigns() -> list[Campaign]:
    return list(db.session.scalars(
        db.select(Campaign).where(Campaign.status == CampaignStatus.ACTIVE).order_by(Campaign.id)))


def all_campaigns() -> list[Campaign]:
    return list(db.session.scalars(db.select(Campaign).order_by(Campaign.status, Campaign.id)))


def campaigns_among(ids) -> list[Campaign]:
    """The campaigns with these ids (an organiser's own), in the dashboard's order."""
    return list(db.session.scalars(db.select(Campaign).where(Campaign.id.in_(list(ids)))
                                   .order_by(Campaign.status, Campaign.id)))


@dataclass
class TimelineEntry:
    key_date: KeyDate
    #: The day shown: the original day, or this year's (or next year's) anniversary.
    day: date
    is_past: bool
    is_next: bool = False
    #: Days from today to ``day`` (negative once past).
    days_until: int = 0
    #: For yearly dates: which anniversary ``day`` is (6 for the 6th).
    anniversary: int | None = None


def timeline(campaign: Campaign, today: date | None = None) -> list[TimelineEntry]:
    """Key dates in calendar order; past one-off dates muted, the next one flagged.

    Yearly dates appear once, at their coming occurrence, with the anniversary's number.
    """
    today = today or campaign.today()
    entries = []
    for key_date in campaign.key_dates:
        day = key_date.occurrence(today) or key_date.date
        entries.append(TimelineEntry(
            key_date=key_date, day=day, is_past=day < today, days_until=(day - today).days,
            anniversary=key_date.years_since_first(day) if key_date.yearly else None))
    entries.sort(key=lambda e: (e.day, e.key_date.time is not None, e.key_date.time, e.key_date.id))
    upcoming = [e for e in entries if not e.is_past]
    if upcoming:
        upcoming[0].is_next = True
    return entries
