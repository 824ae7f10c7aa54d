"""The demo campaign's steps: each domain adds its part (the protest, the petition, …).

A domain registers from its ``init_app`` a step that ``flask campaign demo`` runs after the
campaign and its key dates exist, in the order given (lower first)::

    demo.register(app, "events", 20, add_protest)

``step(campaign, protest_day, data)`` gets the campaign, the demo's protest day and the parsed
data file ``campaign/demo/data/<name>.toml`` (an empty dict when there is none).
"""
from dataclasses import dataclass
from typing import Callable

from campaign.core import plugins


@dataclass(frozen=True)
class DemoStep:
    name: str
    order: int
    run: Callable


def register(app, name: str, order: int, step: Callable) -> None:
    plugins.register(app, "demo_steps", name, DemoStep(name, order, step))


def steps(app=None) -> list[DemoStep]:
    """The registered steps in the order they run."""
    return sorted(plugins.registered("demo_steps", app).values(), key=lambda s: s.order)
