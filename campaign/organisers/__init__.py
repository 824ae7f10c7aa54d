"""Organiser accounts, their teams (a role per campaign), sign-in and the dashboard."""


def init_app(app):
    """Organiser accounts: sign-in pages, how a session finds its organiser, the access guard
    every organiser page runs, the team pages, the account pages and the audit log."""
    from campaign.config import add_defaults
    from campaign.organisers import (access, account, audit, audit_log, invitations,  # noqa: F401
                                     models, sessions, team, views)

    sessions.init_app(app)
    access.init_app(app)
    audit.init_app(app)
    add_defaults(app, invitations.DEFAULTS)
    app.register_blueprint(views.bp)
    app.register_blueprint(account.bp)
    team.init_app(app)
    audit_log.init_app(app)
