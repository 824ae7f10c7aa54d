"""Shared pieces of organiser pages: a blueprint whose every page needs a signed-in organiser
who may open it, and that no browser or proxy keeps a copy of."""
from flask import Blueprint, abort
from flask_login import login_required

from campaign.core import plugins


def organiser_blueprint(name: str, import_name: str, url_prefix: str) -> Blueprint:
    """A blueprint for organiser pages.

    A visitor who is not signed in is sent to sign in; then the access guard registered by
    the organisers domain (``organisers.access.guard``) decides, from what the view declared,
    whether this organiser may open it. Without a guard every page is refused.
    """
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)

    @blueprint.before_request
    @login_required
    def require_access():
        """Every page here is for signed-in organisers with the power it declares."""
        guards = plugins.registered("organiser_guard")
        if not guards:
            abort(403)
        for guard in guards.values():
            response = guard()
            if response is not None:  # e.g. "set up two-factor sign-in first"
                return response
        return None

    @blueprint.after_request
    def no_store(response):
        """Organiser pages and exports hold personal data: never cached anywhere."""
        response.headers["Cache-Control"] = "no-store"
        return response

    return blueprint


def save_or_slug_taken(form, write, taken: str):
    """Run an organiser form's *write* (a create or update that raises SlugTaken when the
    address is in use) and commit; return its result. A taken slug rolls back, becomes
    *taken* next to the slug field, and returns None (the view shows the form again)."""
    from campaign.core.database import SlugTaken
    from campaign.extensions import db

    try:
        result = write()
    except SlugTaken:
        db.session.rollback()
        form.slug.errors = [taken]
        return None
    db.session.commit()
    return result
