"""Organiser accounts, login and the dashboard."""


def init_app(app):
    """Organiser accounts: the sign-in pages and how a session finds its organiser."""
    from campaign.organisers import models, views  # noqa: F401  (models: the schema)

    views.init_login(app)
    app.register_blueprint(views.bp)
