"""The JSON API (/api/v1/, HAL+JSON shaped after OSDI), its tokens and its OpenAPI
description."""


def init_app(app):
    """The API blueprint, the owners' token page, its dashboard link, its settings."""
    from campaign.config import add_defaults
    from campaign.core import errors
    from campaign.extensions import db
    from campaign.api import admin, models, tokens, views
    from campaign.api.config import DEFAULTS
    from campaign.organisers import access, navigation
    from campaign.organisers import signals as organiser_signals

    add_defaults(app, DEFAULTS)
    app.register_blueprint(views.bp)
    errors.register_answer(app, views.bp.url_prefix + "/", views.http_error)
    app.register_blueprint(admin.bp)
    access.register_resolver(app, "api_token_id", access.by_query(
        db.select(models.ApiToken.campaign_id), models.ApiToken.id))
    navigation.register(app, "api tokens", 95, admin.dashboard_links)
    organiser_signals.ownership_ended.connect(tokens.revoke_made_by)
