"""CSRF protection for the public forms (sign, RSVP, write a letter) without a session.

A session-bound token makes every page with a form different per visitor: the page can be
cached by nobody, and the first visit of each of a crowd's thousands of visitors creates a
session and sets a cookie it will never need. The public forms act for nobody signed in, so
they are protected without one, by the scheme OWASP's CSRF cheat sheet calls "verifying
origin with standard headers" (and Fetch Metadata), plus a signed token:

* the browser must **prove the post comes from our own pages**: ``Sec-Fetch-Site:
  same-origin`` (every current browser sends it over HTTPS), else an ``Origin`` (else a
  ``Referer``) naming this site. A page elsewhere cannot make a browser send those. A post the
  browser says comes from elsewhere (another site, a sibling subdomain, ``Origin: null``) is
  refused outright with a 403: its fields are not shown back, so a forged post cannot become
  a filled-in form one click away from sending;
* the form holds a **signed token** naming the form (petition, event or letter action and its
  id), valid ``WTF_CSRF_TIME_LIMIT`` seconds like the session tokens: a post must come from a
  form we served for this very item, recently. The token is the same for every visitor of a
  page, so the page may be cached (``core.pagecache``) and shows no cookie;
* a browser or privacy tool that sends none of those headers (or only ``Sec-Fetch-Site:
  none``, a reload) is not refused outright: the form is shown again with what was typed and a
  **session-bound token** added (Flask-WTF's, as every other form has), and a post carrying
  that token passes on it, unless the browser names another site.

Embedded forms (``embeds``) use the same token with their own purpose; inside another site's
frame no session can be the fallback, so there a missing header is accepted with the token
(a post naming another site is refused there too).
"""
from urllib.parse import urlsplit

from flask import abort, current_app, request
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from campaign.core.signing import InvalidToken, make_token, read_token

PUBLIC = "public-form"
FIELD = "form_token"
#: What the browser says of where a post comes from (:func:`browser_origin`).
OURS, FOREIGN, UNSAID = "ours", "foreign", "unsaid"


def issue(kind: str, item_id: int, purpose: str = PUBLIC) -> str:
    """A token for the *kind* ("petition", "event", "letter") form of item *item_id*."""
    return make_token(purpose, [kind, item_id])


def passed(kind: str, item_id: int) -> bool:
    """Whether this POST of a public form may act: a fresh signed token for this form from a
    browser that shows the post comes from our own pages, or our session-bound token. False:
    show the form again as typed (with a session token). A post the browser says comes from
    another site is answered 403 here."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    origin = browser_origin()
    if origin == FOREIGN:
        abort(403)
    if _session_token_valid():
        return True
    return origin == OURS and token_fresh(kind, item_id, PUBLIC,
                                          current_app.config["WTF_CSRF_TIME_LIMIT"])


def _session_token_valid() -> bool:
    # Flask-WTF's token check alone: its "strict" HTTPS mode would also want a Referer, which
    # the browsers this fallback is for do not send.
    token = request.form.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if not token:
        return False
    try:
        validate_csrf(token)
    except ValidationError:
        return False
    return True


def token_fresh(kind: str, item_id: int, purpose: str, max_age: int) -> bool:
    """The posted form token was signed by us for this form less than *max_age* seconds ago."""
    try:
        signed = read_token(purpose, request.form.get(FIELD, ""), max_age=max_age)
    except InvalidToken:
        return False
    return signed == [kind, item_id]


def browser_origin() -> str:
    """Where the browser says this request comes from: :data:`OURS`, :data:`FOREIGN`, or
    :data:`UNSAID` (no Fetch Metadata, Origin or Referer; or ``Sec-Fetch-Site: none``, a
    reload or a typed address, which proves nothing about the page that posted)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return {"same-origin": OURS, "none": UNSAID}.get(fetch_site, FOREIGN)
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent:
        return UNSAID
    ours = {_origin(request.host_url), _origin(current_app.config["BASE_URL"])}
    return OURS if _origin(sent) in ours - {None} else FOREIGN


def _origin(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[bad": not an origin of ours
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()
