"""Links other domains add to the organiser dashboard, per campaign (attendees, signatures…)."""
from dataclasses import dataclass
from typing import Callable

from campaign.core import plugins
from campaign.organisers import access


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    #: The power a member needs for the link to show (the page checks it again).
    power: str = "see_counts"


@dataclass(frozen=True)
class _Provider:
    #: Lower comes first in the campaign's row.
    order: int
    links: Callable


def register(app, name: str, order: int, provider: Callable) -> None:
    """*provider(campaign)* returns a list of :class:`Link` for that campaign's row."""
    plugins.register(app, "navigation", name, _Provider(order, provider))


def dashboard_links(campaign) -> list[Link]:
    """The links of the campaign's row that the signed-in organiser's role opens."""
    providers = sorted(plugins.registered("navigation").values(), key=lambda p: p.order)
    return [link for provider in providers for link in provider.links(campaign)
            if access.may(link.power, campaign.id)]
