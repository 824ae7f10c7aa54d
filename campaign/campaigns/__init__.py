"""Campaigns and their political calendar of key dates."""


def init_app(app):
    """Campaign pages, the organisers' dashboard and the campaign and key-date forms."""
    from campaign.campaigns import admin, models, views  # noqa: F401  (models: the schema)

    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
