"""The demo campaign's steps: each domain adds its part (the protest, the petition, …).

A domain registers from its ``init_app`` a step that ``flask campaign demo`` runs after the
campaign and its key dates exist, in the order given (lower first), with the name of its data
file in ``campaign/demo/data/``::

    demo.register(app, "events", 10, add_protest, data="event.toml")

``step(campaign, demo)`` gets the campaign and a :class:`DemoContext`. Domains never import
the demo package: it sits above them all and calls them.
"""
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from campaign.core import plugins


@dataclass(frozen=True)
class DemoContext:
    #: The day the demo's protest takes place (14 days after loading).
    protest_day: dt.date
    #: The step's data file, parsed (an empty dict when it has none).
    data: dict
    #: The campaign's key dates by their key in key_dates.toml ("ep-vote", …).
    key_dates: dict = field(default_factory=dict)


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
