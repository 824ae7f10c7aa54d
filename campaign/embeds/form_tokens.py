"""CSRF protection for forms shown inside another website's iframe, without cookies.

The public pages' forms carry no session token either (``core.form_tokens``): a signed token
naming the form and a check that the browser posts from our own pages. Inside an iframe on an
NGO's website a session could not be the fallback for browsers that send no Origin: the
session cookie there would be a third-party cookie, which browsers do not send with a
cross-site frame's requests (``SameSite=Lax``) or block outright (Safari, Firefox, Brave).
``SameSite=None; Secure`` is no cure either: it still fails wherever third-party cookies are
blocked, needs HTTPS even in development, and a session sent with cross-site requests weakens
the rest of the site. So embed forms carry no cookie at all, and:

* the form holds a **signed token** naming the form (petition or event and its id), issued
  when the page was shown and valid ``EMBED_FORM_MAX_AGE`` seconds, with its own purpose (a
  public page's token does not serve here);
* the browser's Fetch Metadata, Origin or Referer must not name another site (the form in
  the frame is our document, so its posts come from our origin): such a post is answered
  403; a browser that sends none of them is accepted on the token alone;
* there is nothing a forged request could ride on: the embed pages read no session, no
  login and no cookie. What the token guards is what CSRF means here: another site making a
  visitor's browser sign or register without them seeing our form.

What remains of abuse (a script that fetches the page and posts with its token) meets the
same defences as the public forms: the honeypot, the rate limits (shared with the public
forms) and double opt-in by e-mail.
"""
from flask import abort, current_app

from campaign.core import form_tokens

PURPOSE = "embed-form"


def issue(kind: str, item_id: int) -> str:
    """A token for the *kind* ("petition" or "event") form of item *item_id*."""
    return form_tokens.issue(kind, item_id, PURPOSE)


def passed(kind: str, item_id: int) -> bool:
    """Whether this POST carries a fresh token for that form and comes from our own pages."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    if form_tokens.browser_origin() == form_tokens.FOREIGN:
        abort(403)
    return form_tokens.token_fresh(kind, item_id, PURPOSE,
                                   current_app.config["EMBED_FORM_MAX_AGE"])
