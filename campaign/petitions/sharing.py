"""Share links: plain URLs, no third-party script or image is ever loaded by our pages."""
from urllib.parse import quote, urlencode

from flask import current_app, url_for
from flask_babel import gettext as _


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
    return [
        (_("E-mail"), "mailto:?" + urlencode({"subject": title, "body": f"{message}\n{url}"},
                                             quote_via=quote)),
        ("X", "https://x.com/intent/post?" + urlencode({"text": message, "url": url})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": message})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]
