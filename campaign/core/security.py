"""Security headers on every response; the language cookie for public pages.

A response marked ``Cache-Control: public`` (calendar feeds, .ics files) is the same for
everyone: it gets no cookie (neither the language nor the session) and no ``Vary: Cookie``,
so that a shared cache (nginx, a CDN, a company proxy) may keep one copy for all.
"""
import functools

from flask import g, request
from flask.sessions import SecureCookieSessionInterface

from campaign.core.i18n import LANGUAGE_COOKIE

#: Nothing is loaded from another host: supporters must not be exposed to third parties.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin: Flask-WTF's HTTPS referrer check works, other sites learn nothing.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Only on answers sent over HTTPS.
SECURE_HEADERS = {"Strict-Transport-Security": "max-age=31536000"}


def init_app(app):
    """Add the headers (and remember the visitor's language) after every request."""
    app.after_request(add_headers)
    app.session_interface = SessionInterface()


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer built once per key.

    Flask builds it twice per request, and itsdangerous probes the JSON serializer each
    time: a tenth of a cached page's cost when every visitor of a viral petition gets a
    session for the form's CSRF token.
    """

    def __init__(self):
        self._serializers = {}

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        serializer = self._serializers.get(keys)
        if serializer is None:
            serializer = self._serializers[keys] = super().get_signing_serializer(app)
        return serializer

    def save_session(self, app, session, response):
        # Flask-Login reads the session after every request, so Flask would add
        # "Vary: Cookie" (and refresh a visitor's cookie) even on answers that never use it.
        if is_shared(response) and not session.modified:
            return
        super().save_session(app, session, response)


def is_shared(response) -> bool:
    """Whether *response* is meant for shared caches: the same bytes for every visitor."""
    return bool(response.cache_control.public)


def shared_cache(response, max_age: int):
    """Mark *response* as the same for everyone, kept *max_age* seconds by any cache."""
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response


#: A year, in seconds: how long the language cookie is kept.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
_LOWER = {name: name.lower() for name in (*HEADERS, *SECURE_HEADERS)}


def allow_framing(response, origins):
    """Let pages on *origins* (checked ``scheme://host[:port]`` strings) and our own show
    *response* in a frame: ``frame-ancestors`` replaces X-Frame-Options, which cannot name
    several sites. Only the embed pages call this; every other page keeps denying framing.
    Such a page sets no language cookie: in another website's frame it would be a
    third-party cookie, and the host's visitors choose their language on that website."""
    ancestors = " ".join(["'self'", *origins])
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", f"frame-ancestors {ancestors}")
    if not origins:
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.embedded = True  # add_headers adds no DENY and no language cookie
    return response


def add_headers(response):
    """The security headers a view did not set itself, and the language cookie.

    Run on every answer, so written for speed (a cached page's whole cost is a few hundred
    microseconds): one pass over the response's headers instead of a look-up per header,
    and the cookie line written directly rather than through the generic cookie writer.
    """
    headers = response.headers
    present = {name.lower() for name, _ in headers}
    embedded = getattr(response, "embedded", False)
    if embedded:  # framing decided by allow_framing
        present.add("x-frame-options")
    secure = request.is_secure
    headers.extend([(name, value) for name, value in HEADERS.items()
                    if _LOWER[name] not in present])
    if secure:
        headers.extend([(name, value) for name, value in SECURE_HEADERS.items()
                        if _LOWER[name] not in present])
    lang = getattr(g, "lang", None)
    if (lang and request.cookies.get(LANGUAGE_COOKIE) != lang and not is_shared(response)
            and not embedded):
        headers.add("Set-Cookie", language_cookie(lang, secure))
    return response


@functools.cache
def language_cookie(lang: str, secure: bool) -> str:
    """The Set-Cookie value remembering *lang* (a language code: nothing to quote). Max-Age
    alone, without a fixed Expires date, so the line can be kept and reused."""
    return (f"{LANGUAGE_COOKIE}={lang}; Max-Age={LANGUAGE_COOKIE_AGE}; "
            f"{'Secure; ' if secure else ''}HttpOnly; Path=/; SameSite=Lax")
