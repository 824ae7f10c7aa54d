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
"""
import functools
from collections import OrderedDict
from datetime import timedelta

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from campaign import clock

_PLACEHOLDER = "\x00csrf-token\x00"
_MAX_PAGES = 256
_FRESH = "_fresh_until"


def init_app(app):
    app.after_request(_after_a_change)


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
            return _answer(hit[1])
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
        return response
    return wrapper


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
