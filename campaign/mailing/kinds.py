"""The registry of message kinds: each kind's subject, templates and loader.

A domain registers its kinds from its ``init_app``::

    kinds.register(app, MailKind("rsvp_confirmation", subject=_l("You are coming to %(title)s"),
                                 load=load_rsvp_confirmation))

``load(payload)`` runs at send time and returns the template context (which also fills the
subject's placeholders), or ``None`` when the message no longer applies (the RSVP was
deleted…): the row is then cancelled instead of sent.
"""
from dataclasses import dataclass
from typing import Callable

from campaign.core import plugins


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
    #: What the mail log calls it ("RSVP confirmation"), lazy-translated; default: the name.
    label: object = None
    #: Goes out under its campaign's From name and Reply-To (see render.campaign_sender) when
    #: its row belongs to a campaign; False for mail to organisers (invitations…).
    campaign_sender: bool = True
    #: ``preload(payloads)``, called once per batch with the payloads of its rows of this kind,
    #: before any ``load``: may fetch what ``load`` will need in one query instead of one per
    #: row (``load`` must still work for a payload it did not see, and decide as it did).
    preload: Callable[[list[dict]], None] | None = None


def register(app, *kinds: MailKind) -> None:
    for kind in kinds:
        plugins.register(app, "mail_kinds", kind.name, kind)


def get(name: str) -> MailKind:
    """:raise KeyError: for a kind nobody registered."""
    return plugins.registered("mail_kinds")[name]


def label(name: str) -> str:
    """The kind's words for the mail log; its name when unknown or unlabelled."""
    kind = plugins.registered("mail_kinds").get(name)
    return str(kind.label) if kind is not None and kind.label else name


def names() -> list[str]:
    """The registered kinds' names, sorted."""
    return sorted(plugins.registered("mail_kinds"))
