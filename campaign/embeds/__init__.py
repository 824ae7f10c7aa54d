"""Embeds: a petition's sign form and an event's RSVP form inside other websites' iframes
(per-campaign allowed origins), the petition's counter badge, and the snippets organisers
copy onto their own sites."""


DEFAULTS = {
    #: Seconds an embed form's signed token stays valid (form_tokens.py); a page left open
    #: longer shows the form again with what was typed.
    "EMBED_FORM_MAX_AGE": 3 * 3600,
}


def init_app(app):
    """The embed pages and badge, the organisers' embeds page and its dashboard link."""
    from campaign import config as app_config
    from campaign.embeds import admin, models, views  # noqa: F401
    from campaign.organisers import navigation

    app_config.add_defaults(app, DEFAULTS)
    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    navigation.register(app, "embeds", 35, admin.dashboard_links)
