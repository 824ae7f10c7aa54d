"""A few seconds of per-process cache for the public pages a viral campaign sends crowds to.

When thousands open one petition at once, each process renders the page once every
``PAGE_CACHE_SECONDS`` and answers the rest from memory. What differs per visitor stays per
visitor: the page is stored with its CSRF token replaced by a placeholder and each answer gets
the visitor's own token. Organisers who are logged in (previews, drafts), requests carrying a
flashed message, and anything but a plain 200 GET bypass the cache. A visitor who has just
changed something (signed, confirmed a signature, registered) sees fresh pages for the same few
seconds, so their own signature counts at once; everyone else sees it within the cache's
lifetime. The key is the path, query string and page language. ``PAGE_CACHE_SECONDS = 0`` turns
it off (the tests do).

A page with no form (no token to put in) asked for by a visitor who sends no cookie at all —
most of a crowd arriving from a shared link — is the same bytes for all of them: such answers
are also kept whole (status, headers, body) by :class:`FrontCache`, a WSGI layer in front of
Flask, and repeated from there without Flask's request cycle for the same few seconds. Any
cookie (a session, a language chosen, an organiser) goes to Flask as before.
"""
import functools
import threading
from collections import OrderedDict
from datetime import timedelta

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from campaign import clock
from campaign.core import routing

_PLACEHOLDER = "\x00csrf-token\x00"
_MAX_PAGES = 256
_FRESH = "_fresh_until"
#: Set by :func:`cached_page` on an answer the front layer may keep; never sent out.
FRONT_MARK = "X-Campaign-Front-Cache"


def init_app(app):
    app.after_request(_after_a_change)
    routing.install_in_front(app, lambda inner: FrontCache(inner, app))


def show_fresh_pages():
    """Let this visitor bypass the shared cache while what they just changed may be stale there."""
    seconds = current_app.config.get("PAGE_CACHE_SECONDS", 0)
    if seconds:
        session[_FRESH] = (clock.now() + timedelta(seconds=seconds)).timestamp()


def _after_a_change(response):
    # A write that succeeded redirects (POST/redirect/GET); a form shown again changed nothing.
    # An embed (another site's frame) gets no cookie: it would be a third-party one.
    if (request.method == "POST" and 300 <= response.status_code < 400
            and not getattr(response, "embedded", False)):
        show_fresh_pages()
    return response


def cached_page(view):
    """Serve *view*'s GET answers from the process cache while they are fresh."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        seconds = current_app.config.get("PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request():
            return view(*args, **kwargs)
        cache = current_app.extensions.setdefault("page_cache", OrderedDict())
        key = (request.full_path, getattr(g, "lang", None))
        hit = cache.get(key)
        if hit is not None and hit[0] > clock.now():
            return _front_mark(_answer(hit[1]), hit[1])
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.direct_passthrough:
            body = response.get_data(as_text=True)
            # Flask-WTF keeps the token it generated for this request in g.
            token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
            if token:
                body = body.replace(token, _PLACEHOLDER)
            cache[key] = (clock.now() + timedelta(seconds=seconds), body)
            cache.move_to_end(key)
            while len(cache) > _MAX_PAGES:
                cache.popitem(last=False)
            _front_mark(response, body)
        return response
    return wrapper


def _front_mark(response, body: str):
    """Let the front layer keep *response* when it is the same for every cookie-less visitor:
    no form token in it, and the visitor sent no cookie."""
    if not request.cookies and _PLACEHOLDER not in body:
        response.headers[FRONT_MARK] = "1"
    return response


def _cacheable_request() -> bool:
    # Organisers log in through the session only (no remember-me cookie): a session
    # without "_user_id" is a visitor's, and checking it does not load a user.
    if request.method != "GET" or "_flashes" in session or "_user_id" in session:
        return False
    fresh_until = session.get(_FRESH)
    if fresh_until is None:
        return True
    if fresh_until > clock.now().timestamp():
        return False
    session.pop(_FRESH)
    return True


def _answer(body: str):
    if _PLACEHOLDER in body:
        body = body.replace(_PLACEHOLDER, generate_csrf())
    return current_app.response_class(body, mimetype="text/html")


class FrontCache:
    """Cookie-less GETs of pages marked by :func:`cached_page`, answered from memory for
    ``PAGE_CACHE_SECONDS`` with the status, headers and body Flask gave the first of them.

    Kept only when Flask's answer set no cookie but the language one (the same for every such
    visitor: the language is in the URL) — never a session. The key holds the scheme and host
    (HSTS and absolute links depend on them), the path and the query string.
    """

    def __init__(self, wsgi_app, flask_app):
        self.wsgi_app = wsgi_app
        self.flask_app = flask_app
        self.pages: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        seconds = self.flask_app.config.get("PAGE_CACHE_SECONDS", 0)
        if (not seconds or environ.get("REQUEST_METHOD") != "GET" or environ.get("HTTP_COOKIE")
                or environ.get("HTTP_AUTHORIZATION")):
            return self._strip_mark(environ, start_response)
        key = (environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"),
               environ.get("PATH_INFO"), environ.get("QUERY_STRING"))
        now = clock.now()
        with self.lock:
            kept = self.pages.get(key)
        if kept is not None and kept[0] > now:
            start_response(kept[1], list(kept[2]))
            return [kept[3]]
        return self._keep(key, now + timedelta(seconds=seconds), environ, start_response)

    def _keep(self, key, until, environ, start_response):
        answer = {}

        def capture(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return start_response(status, [h for h in headers if h[0] != FRONT_MARK], exc_info)

        body = self.wsgi_app(environ, capture)
        headers = answer.get("headers") or []
        marked = any(name == FRONT_MARK for name, _ in headers)
        cookies = [value for name, value in headers if name.lower() == "set-cookie"]
        if not (marked and answer.get("status", "").startswith("200")
                and all(value.startswith("lang=") for value in cookies)):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        kept = [(name, value) for name, value in headers if name != FRONT_MARK]
        with self.lock:
            self.pages[key] = (until, answer["status"], kept, data)
            self.pages.move_to_end(key)
            while len(self.pages) > _MAX_PAGES:
                self.pages.popitem(last=False)
        return [data]

    def _strip_mark(self, environ, start_response):
        def without_mark(status, headers, exc_info=None):
            return start_response(status, [h for h in headers if h[0] != FRONT_MARK], exc_info)
        return self.wsgi_app(environ, without_mark)
