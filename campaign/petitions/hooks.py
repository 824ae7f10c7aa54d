"""What the petitions domain asks of other domains, without importing them.

The thank-you page shows the campaign's next event when an events domain tells us about
it. That domain registers a finder at import time::

    from campaign.petitions import hooks
    hooks.register_next_event(lambda campaign: NextEvent(title, url, when) or None)

Without one, the thank-you page simply has no event.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class NextEvent:
    title: str
    #: The event's public page.
    url: str
    #: When and where, formatted for the page ("Friday, 8 December 2017, 12:00–13:00 CET").
    when: str


_next_event_finders: list[Callable] = []


def register_next_event(finder: Callable) -> None:
    """*finder(campaign)* returns a :class:`NextEvent` (or anything with title, url, when)."""
    if finder not in _next_event_finders:
        _next_event_finders.append(finder)


def next_event(campaign):
    """The campaign's next event, or None when no finder knows one."""
    for finder in _next_event_finders:
        event = finder(campaign)
        if event is not None:
            return event
    return None
