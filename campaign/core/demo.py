"""The demo campaign's steps: each domain adds its part (the protest, the petition, …).

A domain registers from its ``init_app`` a step that ``flask campaign demo`` runs after the
campaign and its key dates exist, in the order given (lower first), with the name of its data
file in ``campaign/demo/data/``::

    demo.register(app, "events", 10, add_protest, data="event.toml")

``step(campaign, demo)`` gets the campaign and a :class:`DemoContext`. Domains never import
the demo package: it sits above them all and calls them.
"""
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from babel import dates as babel_dates

from campaign.core import plugins
from campaign.core.i18n import format_locale

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")


@dataclass(frozen=True)
class DemoContext:
    #: The day the demo's protest takes place (its seed day, 8 December, in the first year
    #: where it is at least two days ahead: the debate, the vote and the anniversary follow).
    protest_day: dt.date
    #: The step's data file, parsed (an empty dict when it has none).
    data: dict
    #: The campaign's key dates by their key in key_dates.toml ("ep-vote", …).
    key_dates: dict = field(default_factory=dict)
    #: A seed date (2017) → the day the demo puts it on, so the story keeps its order.
    shift: Callable[[dt.date], dt.date] = lambda day: day

    def fill(self, text: str | None, lang: str, **days: dt.date) -> str | None:
        """*text* with {key} placeholders replaced by that key date's day (or one of *days*,
        e.g. ``date=`` an update's own), written the way *lang* writes dates."""
        if not text:
            return text
        known = {key: key_date.date for key, key_date in self.key_dates.items()} | days

        def day(match):
            if match.group(1) not in known:
                return match.group(0)
            return babel_dates.format_date(known[match.group(1)], "long",
                                           locale=format_locale(lang))
        return _PLACEHOLDER.sub(day, text)


@dataclass(frozen=True)
class DemoStep:
    name: str
    order: int
    run: Callable
    #: Its file in campaign/demo/data/, or None.
    data: str | None = None


def register(app, name: str, order: int, step: Callable, data: str | None = None) -> None:
    plugins.register(app, "demo_steps", name, DemoStep(name, order, step, data))


def steps(app=None) -> list[DemoStep]:
    """The registered steps in the order they run."""
    return sorted(plugins.registered("demo_steps", app).values(), key=lambda s: s.order)
