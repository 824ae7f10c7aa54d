"""Parts of the campaign page contributed by other domains (events, petitions, updates…).

A domain registers a loader from its ``init_app``; the campaign page renders each section's
template with what its loader returns. The campaign domain needs no knowledge of the others.
"""
from dataclasses import dataclass
from typing import Callable

from campaign.core import plugins


@dataclass(frozen=True)
class Section:
    #: Lower comes first on the page.
    order: int
    template: str
    #: campaign → template context (a dict); return None to leave the section out.
    load: Callable
    #: A short call to act (the next event's RSVP, the petition's Sign) shown at the top of
    #: the page, before the story, with the same context; None for none.
    action: str | None = None


def register(app, name: str, order: int, template: str, load: Callable,
             action: str | None = None) -> None:
    plugins.register(app, "sections", name, Section(order, template, load, action))


def for_campaign(campaign) -> list[tuple[Section, dict]]:
    """(section, context) for every section with something to show, in page order."""
    rendered = []
    for section in sorted(plugins.registered("sections").values(), key=lambda s: s.order):
        context = section.load(campaign)
        if context is not None:
            rendered.append((section, context))
    return rendered
