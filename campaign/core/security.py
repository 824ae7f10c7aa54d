"""Security headers on every response; the language cookie for public pages.

A response marked ``Cache-Control: public`` (calendar feeds, .ics files) is the same for
everyone: it gets no cookie (neither the language nor the session) and no ``Vary: Cookie``,
so that a shared cache (nginx, a CDN, a company proxy) may keep one copy for all.
"""
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
    for name, value in HEADERS.items():
        if name == "X-Frame-Options" and getattr(response, "embedded", False):
            continue
        response.headers.setdefault(name, value)
    if request.is_secure:
        for name, value in SECURE_HEADERS.items():
            response.headers.setdefault(name, value)
    lang = getattr(g, "lang", None)
    if (lang and request.cookies.get(LANGUAGE_COOKIE) != lang and not is_shared(response)
            and not getattr(response, "embedded", False)):
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=365 * 24 * 3600,
                            samesite="Lax", httponly=True, secure=request.is_secure)
    return response
