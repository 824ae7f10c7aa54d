"""Factories: a test states only what matters to it (Indico's ``create_event(**kwargs)`` style)."""
import datetime as dt

from campaign.campaigns import operations as campaign_operations
from campaign.extensions import db
from campaign.campaigns.models import Campaign
from campaign.organisers import operations as organiser_operations, teams
from campaign.organisers.models import Organiser
from campaign.organisers.roles import Role

PASSWORD = "correct horse battery"


def create_campaign(*, owners=None, **kwargs):
    """A campaign; *owners* lead its team (default: every organiser there is, as before teams,
    so a test about one organiser states nothing about teams)."""
    kwargs.setdefault("slug", "free-them")
    kwargs.setdefault("default_language", "en")
    kwargs.setdefault("languages", ["en", "ru", "pl"])
    kwargs.setdefault("timezone", "Europe/Brussels")
    kwargs.setdefault("contact_name", "Anna Kowalska")
    kwargs.setdefault("contact_email", "anna@example.org")
    kwargs.setdefault("status", "active")
    kwargs.setdefault("texts", {"en": {"title": "Free them", "summary": "A summary",
                                        "body": "The **body**."}})
    campaign = campaign_operations.create_campaign(**kwargs)
    for organiser in (db.session.scalars(db.select(Organiser)) if owners is None else owners):
        teams.set_role(organiser, campaign.id, Role.OWNER)
    db.session.commit()
    return campaign


def create_key_date(campaign, **kwargs):
    kwargs.setdefault("kind", "other")
    kwargs.setdefault("date", dt.date(2026, 12, 13))
    kwargs.setdefault("texts", {"en": {"title": "Plenary debate"}})
    key_date = campaign_operations.create_key_date(campaign, **kwargs)
    db.session.commit()
    return key_date


def create_organiser(email="organiser@example.org", password=PASSWORD, name="Olga", roles=None,
                     door_events=None):
    """An organiser; *roles* maps campaigns to roles (default: owner of every campaign there
    is, as every account was before teams). A door member gets *door_events* (ids; default:
    every event its campaign has now, as if an owner had ticked them all)."""
    from campaign.organisers import door_events as chosen_events

    organiser = organiser_operations.create_organiser(email, name, password)
    if roles is None:
        roles = {campaign: Role.OWNER for campaign in db.session.scalars(db.select(Campaign))}
    for campaign, role in roles.items():
        membership = teams.set_role(organiser, campaign.id, role)
        if role == Role.DOOR:
            chosen_events.set_events(membership, door_events if door_events is not None
                                     else chosen_events.event_ids(campaign.id), record=False)
    db.session.commit()
    return organiser


def log_in(client, email="organiser@example.org", password=PASSWORD):
    return client.post("/organiser/login", data={"email": email, "password": password})


def page_text(response) -> str:
    """The visible text of a page, tags removed and spaces collapsed (what a reader sees)."""
    import html
    import re

    body = response.get_data(as_text=True)
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()).replace(" ,", ",")


def mail_to_go(kind=None):
    """The outbox rows that will go out, oldest first: rows written already cancelled (a
    throttled or ignored request, written so that every address costs the same work) are
    left out."""
    from campaign.mailing.models import OutboxMessage

    query = db.select(OutboxMessage).where(OutboxMessage.status != "cancelled") \
        .order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query))
