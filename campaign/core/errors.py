"""Error pages in the visitor's language; 503 when the database does not answer."""
from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from campaign.core import plugins
from campaign.core.database import release_session


def init_app(app):
    """Render every HTTP error with our page; a lost database becomes a 503."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(DBAPIError, database_error)
    app.register_error_handler(DataError, value_not_storable)


def register_answer(app, path_prefix: str, answer) -> None:
    """Errors of URLs under *path_prefix* are answered by *answer(error)* instead of the
    page (the JSON API answers in JSON, also for URLs that match no route)."""
    plugins.register(app, "error_answers", path_prefix, answer)


def http_error(error):
    if error.code is None or error.code < 400:
        return error
    for prefix, answer in plugins.registered("error_answers").items():
        if request.path.startswith(prefix):
            return answer(error)
    return render_template("errors/error.html", code=error.code,
                           title=_title(error.code), message=_message(error.code)), error.code


def csrf_error(error):
    return render_template("errors/error.html", code=400, title=_("The form has expired"),
                           message=_("The page was open for too long. Go back, reload the "
                                     "page and send the form again.")), 400


def database_unavailable(error):
    current_app.logger.error("database unavailable: %s", error)
    release_session(rollback_only=True)
    return render_template("errors/error.html", code=503, title=_title(503),
                           message=_message(503)), 503


def database_error(error):
    if getattr(error, "connection_invalidated", False):
        return database_unavailable(error)
    raise error


def value_not_storable(error):
    """Input the database cannot hold that no form check caught (a NUL byte in an address or
    a search on PostgreSQL, a number beyond its range): the visitor's request, not our fault."""
    current_app.logger.warning("value the database refused: %s", error.orig)
    release_session(rollback_only=True)
    return render_template("errors/error.html", code=400, title=_title(400),
                           message=_("Part of what was sent cannot be used (an invisible "
                                     "control character, or a number far too large). Please "
                                     "check it and try again.")), 400


def _title(code):
    return {
        400: _("Bad request"),
        403: _("Forbidden"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        413: _("Too much data"),
        429: _("Too many requests"),
        500: _("Something went wrong"),
        503: _("Temporarily unavailable"),
    }.get(code, _("Error"))


def _message(code):
    return {
        404: _("We could not find this page. It may have moved, or the address may be mistyped."),
        429: _("You have sent too many requests. Please wait a minute and try again."),
        500: _("An error occurred on our side. Nothing you did caused it; please try again later."),
        503: _("The site cannot reach its database right now. Please try again in a minute."),
    }.get(code, "")
