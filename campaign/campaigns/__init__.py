"""Campaigns and their political calendar of key dates."""


def init_app(app):
    """Campaign pages, the organisers' dashboard and the campaign and key-date forms."""
    from campaign.campaigns import admin, dashboard, figures, models, views  # noqa: F401  (models: the schema)
    from campaign.extensions import db
    from campaign.organisers import access

    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    figures.register(app, "campaign", 10, dashboard.figures, dashboard.gaps)
    access.register_resolver(app, "key_date_id", access.by_query(
        db.select(models.KeyDate.campaign_id), models.KeyDate.id))
