"""CSRF protection for the public forms (sign, RSVP, write a letter) without a session.

A session-bound token makes every page with a form different per visitor: the page can be
cached by nobody, and the first visit of each of a crowd's thousands of visitors creates a
session and sets a cookie it will never need. The public forms act for nobody signed in, so
they are protected without one, by the scheme OWASP's CSRF cheat sheet calls "verifying
origin with standard headers" (and Fetch Metadata), plus a signed token:

* the browser must **prove the post comes from our own pages**: ``Sec-Fetch-Site:
  same-origin`` (every current browser sends it), else an ``Origin`` (else a ``Referer``)
  naming this site. A page elsewhere cannot make a browser send those, so a forged
  cross-site post is refused;
* the form holds a **signed token** naming the form (petition, event or letter action and its
  id), valid ``WTF_CSRF_TIME_LIMIT`` seconds like the session tokens: a post must come from a
  form we served for this very item, recently. The token is the same for every visitor of a
  page, so the page may be cached (``core.pagecache``) and shows no cookie;
* a browser or privacy tool that sends none of those headers is not refused outright: the
  form is shown again with what was typed and a **session-bound token** added (Flask-WTF's, as
  every other form has), and that post passes on the token alone.

Embedded forms (``embeds``) use the same token with their own purpose; inside another site's
frame no session can be the fallback, so there a missing header is accepted with the token.
"""
from urllib.parse import urlsplit

from flask import current_app, request

from campaign.core.forms import csrf_passed
from campaign.core.signing import InvalidToken, make_token, read_token

PUBLIC = "public-form"
FIELD = "form_token"


def issue(kind: str, item_id: int, purpose: str = PUBLIC) -> str:
    """A token for the *kind* ("petition", "event", "letter") form of item *item_id*."""
    return make_token(purpose, [kind, item_id])


def passed(kind: str, item_id: int) -> bool:
    """Whether this POST of a public form may act: our session-bound token, or a fresh signed
    token for this form from a browser that shows the post comes from our own pages."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    if request.form.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")):
        if csrf_passed():
            return True
    return (token_fresh(kind, item_id, PUBLIC, current_app.config["WTF_CSRF_TIME_LIMIT"])
            and from_our_site(required=True))


def token_fresh(kind: str, item_id: int, purpose: str, max_age: int) -> bool:
    """The posted form token was signed by us for this form less than *max_age* seconds ago."""
    try:
        signed = read_token(purpose, request.form.get(FIELD, ""), max_age=max_age)
    except InvalidToken:
        return False
    return signed == [kind, item_id]


def from_our_site(required: bool) -> bool:
    """The browser says this request comes from our own pages (Fetch Metadata, else Origin,
    else Referer); when it says nothing at all, *required* decides."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in {"same-origin", "none"}  # "none": typed or bookmarked by the user
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent:
        return not required
    return _origin(sent) in {_origin(request.host_url), _origin(current_app.config["BASE_URL"])}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
