"""The privacy notice of one campaign, written from what the app really does: the forms the
campaign offers, the retention settings in force (campaign/core/retention.py and each
domain's settings), the roles that see people's data (campaign/organisers/roles.py) and the
campaign's privacy contact. Change a setting and the notice says the new thing."""
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app

from campaign.core.retention import period
from campaign.events import queries as event_queries
from campaign.letters import queries as letter_queries
from campaign.organisers.roles import POWERS, Role
from campaign.petitions import queries as petition_queries


@dataclass
class Notice:
    """What the notice page says, as figures and flags (the template words them)."""

    holder: str
    email: str
    #: Which forms the campaign offers (only those get a section).
    events: bool
    petitions: bool
    letters: bool
    #: Periods as (number, unit) where unit is "hours" or "days".
    periods: dict = field(default_factory=dict)
    #: Roles of the campaign's team that see names and addresses, and those that do not.
    roles_seeing_people: list = field(default_factory=list)
    roles_at_the_door: list = field(default_factory=list)
    roles_counts_only: list = field(default_factory=list)


def _days(seconds) -> int:
    return max(1, round(float(seconds) / 86400))


def _setting(name: str) -> tuple[int, str]:
    """A retention setting in its own unit (``*_HOURS`` in hours, ``*_DAYS`` in days)."""
    duration = period(name)
    if name.endswith("_HOURS"):
        return max(1, round(duration / timedelta(hours=1))), "hours"
    return max(1, round(duration / timedelta(days=1))), "days"


def _settings() -> dict:
    config = current_app.config
    return {
        "rsvp_confirm": _setting("RSVP_CONFIRM_HOURS"),
        "rsvp": _setting("RETAIN_RSVP_DAYS"),
        "signature_verify": (_days(config["PETITION_VERIFY_MAX_AGE"]), "days"),
        "signature": _setting("RETAIN_SIGNATURE_DAYS"),
        "ip_hash": _setting("RETAIN_IP_HASH_DAYS"),
        "letter_confirm": (_days(config["LETTER_CONFIRM_MAX_AGE"]), "days"),
        "letter": _setting("RETAIN_LETTER_DAYS"),
        "mail": _setting("RETAIN_MAIL_DAYS"),
        "unsubscribe_link": _setting("UNSUBSCRIBE_LINK_DAYS"),
        "my_data_link": (int(config["MY_DATA_LINK_MINUTES"]), "minutes"),
    }


def notice_for(campaign) -> Notice:
    holder, email = campaign.privacy_contact
    return Notice(
        holder=holder, email=email,
        events=any(event.published for event in event_queries.events_of(campaign)),
        petitions=bool(petition_queries.campaign_petitions(campaign)),
        letters=bool(letter_queries.campaign_actions(campaign)),
        periods=_settings(),
        roles_seeing_people=[role for role in Role if "see_people" in POWERS[role]],
        roles_at_the_door=[role for role in Role if "check_in" in POWERS[role]
                           and "see_people" not in POWERS[role]],
        roles_counts_only=[role for role in Role if POWERS[role] <= {"see_counts"}])
