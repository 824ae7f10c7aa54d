"""Roles in a campaign's team and the powers each one holds: the one table every check reads."""
import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    OWNER = "owner"
    ORGANISER = "organiser"
    DOOR = "door"
    VIEWER = "viewer"


#: What each power lets a member do in the campaign.
POWER_NAMES = {
    "manage_team": "invite members, change roles, remove members, read the audit log",
    "edit_campaign": "change the campaign's settings",
    "edit_content": "texts, events, petitions, key dates and reminders",
    "see_people": "lists of supporters with their addresses",
    "export": "download lists of supporters",
    "send_messages": "write and send messages to supporters",
    "see_mail_log": "the campaign's mail log",
    "check_in": "the door list (first names, guests) and check-in",
    "see_counts": "numbers and charts, no personal data",
    "manage_integrations": "webhooks and other connections to the campaign's own systems",
}

_ORGANISER = {"edit_content", "see_people", "export", "send_messages", "see_mail_log",
              "check_in", "see_counts"}

POWERS: dict[Role, frozenset[str]] = {
    Role.OWNER: frozenset(POWER_NAMES),
    Role.ORGANISER: frozenset(_ORGANISER),
    # The volunteer at the door: first names and guest counts, nothing to copy or send.
    Role.DOOR: frozenset({"check_in"}),
    Role.VIEWER: frozenset({"see_counts"}),
}

ROLE_LABELS = {
    Role.OWNER: _l("Owner"),
    Role.ORGANISER: _l("Organiser"),
    Role.DOOR: _l("Door"),
    Role.VIEWER: _l("Viewer"),
}


def has_power(role: Role | str | None, power: str) -> bool:
    """Whether *role* holds *power* (no role holds nothing)."""
    if power not in POWER_NAMES:
        raise ValueError(f"unknown power {power!r}")
    return role is not None and power in POWERS[Role(role)]
