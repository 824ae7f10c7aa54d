"""The event's share and "invite a friend" links (plain URLs: see campaign.core.sharing)."""
from flask_babel import gettext as _

from campaign.core import sharing
from campaign.core.i18n import format_span
from campaign.core.templating import public_url


def _facts(event) -> tuple[str, str, str]:
    return (event.text("title"), format_span(event.starts_at, event.ends_at, event.timezone),
            public_url("events.event_page", slug=event.slug))


def links(event) -> list[tuple[str, str]]:
    """(label, href) for e-mail, X, Telegram and Facebook."""
    title, when, url = _facts(event)
    return sharing.links(url, title, _("Join me at “%(title)s”, %(when)s.",
                                       title=title, when=when))


def invite_link(event) -> str:
    """A mail to a friend from the visitor's own mail program, with the event's page."""
    title, when, url = _facts(event)
    return sharing.mailto(title, _("Hello,\n\nI am going to “%(title)s”, %(when)s. Will you "
                                   "come with me? You can register here:\n\n%(url)s",
                                   title=title, when=when, url=url))
