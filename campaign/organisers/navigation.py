"""Links other domains add to the organiser dashboard, per campaign (attendees, signatures…)."""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Link:
    label: str
    url: str


_providers: list[Callable] = []


def register(provider: Callable) -> None:
    """*provider(campaign)* returns a list of :class:`Link` for that campaign's row."""
    if provider not in _providers:
        _providers.append(provider)


def dashboard_links(campaign) -> list[Link]:
    return [link for provider in _providers for link in provider(campaign)]
