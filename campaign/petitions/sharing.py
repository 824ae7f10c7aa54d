"""The petition's share links (plain URLs: see campaign.core.sharing)."""
from flask import current_app, url_for
from flask_babel import gettext as _

from campaign.core import sharing


def petition_url(petition, lang: str | None = None) -> str:
    """The petition's public address on BASE_URL."""
    values = {"slug": petition.slug}
    if lang:
        values["lang"] = lang
    return current_app.config["BASE_URL"] + url_for("petitions.petition_page", **values)


def links(petition, signed: bool = False) -> list[tuple[str, str]]:
    """(label, href) for e-mail, X, Telegram and Facebook.

    Only the thank-you page (*signed*) says "I have signed": on the petition page the visitor
    may share it without having signed.
    """
    url = petition_url(petition)
    title = petition.text("title")
    if signed:
        message = _("I have signed “%(title)s”. Will you sign too?", title=title)
    else:
        message = _("Please sign the petition “%(title)s”.", title=title)
    return sharing.links(url, title, message)


def invite_link(petition) -> str:
    """A mail to a friend, asking them to sign too (the signer's own mail program)."""
    title = petition.text("title")
    return sharing.mailto(title, _("Hello,\n\nI have signed the petition “%(title)s”. It "
                                   "takes a minute: will you sign too?\n\n%(url)s",
                                   title=title, url=petition_url(petition)))
