"""CSRF protection for forms shown inside another website's iframe, without cookies.

The public pages keep Flask-WTF's token in the session cookie (``SameSite=Lax``). Inside an
iframe on an NGO's website that cookie is a third-party cookie: browsers do not send a Lax
cookie with a cross-site frame's requests, and Safari, Firefox and Brave block or partition
third-party cookies whatever their SameSite. A session-bound token would fail for every
embedded signer. ``SameSite=None; Secure`` on the session for the embed path is no cure
either: it still fails wherever third-party cookies are blocked, needs HTTPS even in
development, and a session sent with cross-site requests weakens the rest of the site.

So embed forms carry no cookie at all, and are protected like this:

* the form holds a **signed token** naming the form (petition or event and its id), issued
  when the page was shown and valid ``EMBED_FORM_MAX_AGE`` seconds: a post must come from a
  form we served for this very petition or event, recently (an old page shows the form
  again with what was typed, as the public pages do);
* the browser's **Origin** header (else the Referer) must be our own site: the form in the
  frame is our document, so its posts come from our origin, while a page elsewhere that
  posts to the embed URL, or frames it without being allowed, is refused;
* there is nothing a forged request could ride on: the embed pages read no session, no
  login and no cookie. What the token guards is what CSRF means here: another site making a
  visitor's browser sign or register without them seeing our form.

What remains of abuse (a script that fetches the page and posts with its token) meets the
same defences as the public forms: the honeypot, the rate limits (shared with the public
forms) and double opt-in by e-mail.
"""
from urllib.parse import urlsplit

from flask import current_app, request

from campaign.core.signing import InvalidToken, make_token, read_token

PURPOSE = "embed-form"
FIELD = "form_token"


def issue(kind: str, item_id: int) -> str:
    """A token for the *kind* ("petition" or "event") form of item *item_id*."""
    return make_token(PURPOSE, [kind, item_id])


def passed(kind: str, item_id: int) -> bool:
    """Whether this POST carries a fresh token for that form and comes from our own pages."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    try:
        signed = read_token(PURPOSE, request.form.get(FIELD, ""),
                            max_age=current_app.config["EMBED_FORM_MAX_AGE"])
    except InvalidToken:
        return False
    return signed == [kind, item_id] and from_our_site()


def from_our_site() -> bool:
    """The Origin (or, without one, the Referer) names this site, or the browser sent none."""
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent:
        return True  # old browsers and privacy tools: the signed token alone must do
    return _origin(sent) in {_origin(request.host_url), _origin(current_app.config["BASE_URL"])}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
