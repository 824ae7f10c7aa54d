"""Writes for campaigns and key dates. Each flushes; the caller commits once."""
from campaign import clock
from campaign.campaigns.models import Campaign, CampaignStatus, KeyDate, KeyDateKind
from campaign.core.database import check_slug_free
from campaign.extensions import db
from campaign.organisers import audit, teams
from campaign.organisers.roles import Role

CAMPAIGN_FIELDS = ("slug", "default_language", "timezone", "contact_name", "contact_email",
                   "sender_name", "reply_to", "privacy_holder", "privacy_email")
KEY_DATE_FIELDS = ("date", "time", "yearly", "link")


def create_campaign(*, texts: dict, languages, status=CampaignStatus.DRAFT, owner=None,
                    **fields) -> Campaign:
    """Create a campaign with its text in each language given; *owner* leads its team."""
    campaign = Campaign(status=CampaignStatus(status))
    update_campaign(campaign, texts=texts, languages=languages, **fields)
    if owner is not None:
        teams.set_role(owner, campaign.id, Role.OWNER)
    return campaign


def update_campaign(campaign: Campaign, *, texts: dict, languages, status=None,
                    **fields) -> Campaign:
    """Change a campaign's settings and texts (the audit log notes which settings changed)."""
    check_slug_free(Campaign, fields.get("slug", campaign.slug), campaign.id)
    before = _settings(campaign)
    for name in CAMPAIGN_FIELDS:
        if name in fields:
            setattr(campaign, name, fields[name])
    campaign.contact_email = campaign.contact_email.strip().lower()
    campaign.sender_name = " ".join((campaign.sender_name or "").split()) or None
    campaign.reply_to = (campaign.reply_to or "").strip() or None
    campaign.privacy_holder = (campaign.privacy_holder or "").strip() or None
    campaign.privacy_email = (campaign.privacy_email or "").strip().lower() or None
    campaign.languages = list(languages)
    if status is not None:
        campaign.status = CampaignStatus(status)
    changed = sorted(name for name, value in _settings(campaign).items() if before[name] != value)
    if changed:
        audit.record("settings_changed", campaign.id, settings=", ".join(changed))
    for lang, values in texts.items():
        campaign.set_text(lang, **values)
    campaign.touch()
    db.session.add(campaign)
    db.session.flush()
    return campaign


def _settings(campaign: Campaign) -> dict:
    values = {name: getattr(campaign, name) for name in CAMPAIGN_FIELDS}
    return {**values, "languages": campaign.languages_csv, "status": str(campaign.status)}


def create_key_date(campaign: Campaign, *, texts: dict, kind, **fields) -> KeyDate:
    """Add a date to the campaign's calendar."""
    key_date = KeyDate(campaign=campaign)
    db.session.add(key_date)
    return update_key_date(key_date, texts=texts, kind=kind, **fields)


def update_key_date(key_date: KeyDate, *, texts: dict, kind, **fields) -> KeyDate:
    """Change a key date's day, time, recurrence, link and texts."""
    before = _key_date_as_shown(key_date)
    key_date.kind = KeyDateKind(kind)
    for name in KEY_DATE_FIELDS:
        if name in fields:
            setattr(key_date, name, fields[name])
    key_date.link = (key_date.link or "").strip() or None
    for lang, values in texts.items():
        key_date.set_text(lang, **values)
    if key_date.id is not None and before != _key_date_as_shown(key_date):
        # Calendars replace the copy they hold when SEQUENCE rises; LAST-MODIFIED must move
        # too, also when only a translation (another table) changed.
        key_date.sequence += 1
        key_date.updated_at = clock.now()
    key_date.campaign.touch()
    db.session.add(key_date)
    db.session.flush()
    return key_date


def _key_date_as_shown(key_date: KeyDate) -> tuple:
    """Everything of a key date that a calendar shows."""
    texts = {lang: (row.title, row.description) for lang, row in key_date.translations.items()}
    return (key_date.kind, key_date.date, key_date.time, key_date.yearly, key_date.link,
            sorted(texts.items()))


def delete_key_date(key_date: KeyDate) -> None:
    """Remove a key date from the calendar."""
    key_date.campaign.touch()
    db.session.delete(key_date)
    db.session.flush()
