"""Share and "invite a friend" links: plain URLs, so no page of ours loads a third party's
script or image; nothing reaches those services until the visitor follows a link."""
from urllib.parse import quote, urlencode

from flask_babel import gettext as _


def mailto(subject: str, body: str) -> str:
    """A mail the visitor's own program opens, addressed to nobody yet."""
    return "mailto:?" + urlencode({"subject": subject, "body": body}, quote_via=quote)


def links(url: str, title: str, message: str) -> list[tuple[str, str]]:
    """(label, href) for e-mail, X, Telegram and Facebook."""
    return [
        (_("E-mail"), mailto(title, f"{message}\n{url}")),
        ("X", "https://x.com/intent/post?" + urlencode({"text": message, "url": url})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": message})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]
