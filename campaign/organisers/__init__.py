"""Organiser accounts, their teams (a role per campaign), sign-in and the dashboard."""


def init_app(app):
    """Organiser accounts: sign-in pages, how a session finds its organiser, the access guard
    every organiser page runs, and the team pages."""
    from campaign.organisers import access, models, sessions, team, views  # noqa: F401  (models)

    sessions.init_app(app)
    access.init_app(app)
    app.register_blueprint(views.bp)
    team.init_app(app)
