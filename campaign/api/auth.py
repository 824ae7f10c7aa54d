"""Who may call the API: a campaign's bearer token, checked before every view.

Each view declares what it needs with :func:`requires` (powers from
``organisers/roles.py``; a token holds its role's powers and nothing more) or :func:`public`
(the OpenAPI description). A view that declares nothing is refused. The API knows no
sessions or cookies: the session of a browser that happens to call it is neither read nor
written, so no cookie can act for anyone (and the blueprint needs no CSRF token).
"""
from typing import Callable

from flask import current_app, g, globals as flask_globals, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _

from campaign.api import tokens
from campaign.api.problems import problem
from campaign.extensions import db, login
from campaign.organisers.roles import has_power

#: The realm named in WWW-Authenticate.
REALM = "campaign-api"


def requires(*powers: str) -> Callable:
    """Declare the powers a view needs (any one of them); none: any valid token."""
    for power in powers:
        has_power("owner", power)  # an unknown power fails at import

    def declare(view):
        view.api_powers = frozenset(powers)
        return view
    return declare


def public(view):
    """Declare a view anyone may call without a token."""
    view.api_powers = None
    return view


def _declared(view):
    return getattr(view, "api_powers", "undeclared")


def guard():
    """The blueprint's before_request: no session, then the token and the view's powers."""
    # The browser's session (if any) is swapped for an empty one that cannot be written:
    # nothing here reads it, and the answer sets no cookie.
    flask_globals.request_ctx._session = SecureCookieSessionInterface().make_null_session(
        current_app)
    g._login_user = login.anonymous_user()  # audit entries and Flask-Login ignore any cookie
    request.api_token = None
    view = current_app.view_functions.get(request.endpoint)
    declared = _declared(view)
    if declared is None:
        return None
    token = request_token()
    if token is None:
        return unauthorised()
    request.api_token = token
    if declared == "undeclared" or (declared and not any(has_power(token.role, p)
                                                         for p in declared)):
        return problem(403, "forbidden", _("This token's role may not do this."))
    return None


def request_token():
    """The request's valid token or None (looked up once per request)."""
    # Kept on the request, not on ``g``: an app context shared by several requests (tests,
    # scripts) would hand one request's token to the next.
    if not hasattr(request, "api_token_found"):
        request.api_token_found = tokens.find(bearer())
    return request.api_token_found


def bearer() -> str:
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def unauthorised():
    response = problem(401, "unauthorised",
                       _("Send a valid API token: Authorization: Bearer <token>."))
    response.headers["WWW-Authenticate"] = f'Bearer realm="{REALM}"'
    return response


def record_use(response):
    """The blueprint's after_request: note the token's use, keep answers out of caches."""
    token = getattr(request, "api_token", None)
    if token is not None:
        try:
            tokens.note_use(token, request.method, request.path, response.status_code)
            db.session.commit()
        except Exception:  # noting a use must never turn an answer into an error
            db.session.rollback()
            current_app.logger.exception("could not note an API token's use")
    if request.endpoint and _declared(current_app.view_functions.get(request.endpoint)) is None:
        response.cache_control.public = True
        response.cache_control.max_age = 300
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def campaign_id() -> int:
    """The campaign of the request's token."""
    return request.api_token.campaign_id


def rate_limit_key() -> str:
    """Rate limits count per token; calls without a valid one, per address."""
    token = request_token()
    return f"api-token:{token.id}" if token is not None else f"api-ip:{request.remote_addr}"


def rate_limit() -> str:
    return current_app.config["API_RATELIMIT"]


def write_rate_limit() -> str:
    return current_app.config["API_RATELIMIT_WRITE"]
