"""Numbers other domains show on the organisers' dashboard, per campaign.

This layer cannot import events, petitions or messages, so each of them registers, from its
``init_app``, a provider giving its figures for one campaign (RSVPs, signatures, messages in
progress…) and one naming its content that lacks a language. The dashboard shows a figure only
when the member's role holds the figure's power (the numbers need ``see_counts``).
"""
from dataclasses import dataclass, field
from typing import Callable

from campaign.core import plugins
from campaign.organisers import access


@dataclass(frozen=True)
class Figure:
    label: str
    #: A number, or a short text (a date, a title).
    value: object
    power: str = "see_counts"
    #: Bars (``petitions.stats.Bar``-like: label, value, percent) for a sparkline.
    chart: list = field(default_factory=list)
    #: A line under the value ("in 3 days", "Europe/Warsaw").
    note: str = ""
    #: Drawn in the warning style (a reminder whose time has passed, a language missing).
    warning: bool = False


@dataclass(frozen=True)
class Gap:
    """A piece of content (an event, a petition…) without a text in some of the languages."""
    label: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class _Provider:
    order: int
    figures: Callable


def register(app, name: str, order: int, figures: Callable | None = None,
             gaps: Callable | None = None) -> None:
    """*figures(campaign)* → list of :class:`Figure`; *gaps(campaign)* → list of :class:`Gap`."""
    if figures:
        plugins.register(app, "dashboard_figures", name, _Provider(order, figures))
    if gaps:
        plugins.register(app, "dashboard_gaps", name, _Provider(order, gaps))


def _collect(registry: str, campaign) -> list:
    providers = sorted(plugins.registered(registry).values(), key=lambda p: p.order)
    return [item for provider in providers for item in provider.figures(campaign)]


def figures_for(campaign) -> list[Figure]:
    """The campaign's figures that the signed-in member's role may see."""
    return [figure for figure in _collect("dashboard_figures", campaign)
            if access.may(figure.power, campaign.id)]


def gaps_for(campaign) -> list[Gap]:
    """Content of the campaign lacking one of its languages (titles only: see_counts)."""
    if not access.may("see_counts", campaign.id):
        return []
    return _collect("dashboard_gaps", campaign)


def missing_languages(item, languages, fields=("title",)) -> tuple[str, ...]:
    """The *languages* in which *item* (a ``Translated`` row) has none of *fields* filled."""
    rows = item.translations
    return tuple(lang for lang in languages
                 if lang not in rows or not any(getattr(rows[lang], f, None) for f in fields))

