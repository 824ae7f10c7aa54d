"""The registry of message kinds: each kind's subject, templates and loader.

A domain registers its kinds at import time::

    register(MailKind("rsvp_confirmation", subject=_l("You are coming to %(title)s"),
                      load=load_rsvp_confirmation))

``load(payload)`` runs at send time and returns the template context (which also fills the
subject's placeholders), or ``None`` when the message no longer applies (the RSVP was
deleted…): the row is then cancelled instead of sent.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class MailKind:
    #: Names the templates: templates/email/<name>.txt and .html.
    name: str
    #: A lazy-translated string with %(placeholders)s filled from the context.
    subject: object
    load: Callable[[dict], dict | None]
    #: Confirmations and verifications are transactional; reminders, updates and organiser
    #: messages are not (they carry List-Unsubscribe and respect the suppression list).
    transactional: bool = True


_kinds: dict[str, MailKind] = {}


def register(kind: MailKind) -> MailKind:
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> MailKind:
    """:raise KeyError: for a kind nobody registered."""
    return _kinds[name]


def names() -> list[str]:
    """The registered kinds' names, sorted."""
    return sorted(_kinds)
