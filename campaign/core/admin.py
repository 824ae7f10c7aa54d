"""Shared pieces of organiser pages: a blueprint whose every page needs a signed-in organiser."""
from flask import Blueprint
from flask_login import login_required


def organiser_blueprint(name: str, import_name: str, url_prefix: str) -> Blueprint:
    """A blueprint for organiser pages: a visitor who is not signed in is sent to sign in."""
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)

    @blueprint.before_request
    @login_required
    def require_login():
        """Every page here is for signed-in organisers."""

    return blueprint
