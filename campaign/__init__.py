"""Campaign manager for human-rights organisations: the application factory."""
from flask import Flask

from campaign import routing, settings


def create_app(test_config=None):
    """Create the app: configuration, extensions, blueprints, error pages, commands."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder="../templates", static_folder="../static")
    settings.load(app, test_config)
    settings.apply_proxy_fix(app)
    routing.init_app(app)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_commands(app)
    return app


def register_extensions(app):
    """Bind the unbound extensions to this app."""
    from campaign.core import database, i18n
    from campaign.extensions import csrf, db, limiter, login, mail, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIRECTORY"])
    mail.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    login.init_app(app)
    from campaign import models  # noqa: F401  (every model known to SQLAlchemy and Alembic)


def register_blueprints(app):
    """Mount each domain's pages."""
    from campaign import calendar
    from campaign.calendar.views import bp as calendar_files
    from campaign.campaigns.admin import bp as campaigns_admin
    from campaign.campaigns.views import bp as campaigns
    from campaign.core.views import bp as core
    from campaign.mailing.admin import bp as mailing_admin
    from campaign.mailing.views import bp as mailing
    from campaign.messages.admin import bp as messages_admin
    from campaign.events.admin import bp as events_admin
    from campaign.events.attendees import bp as attendees
    from campaign.events.views import bp as events
    from campaign.organisers.views import bp as organisers
    from campaign.petitions.admin import bp as petitions_admin
    from campaign.petitions.views import bp as petitions
    from campaign.reminders.admin import bp as reminders_admin

    for blueprint in (core, campaigns, calendar_files, organisers, campaigns_admin, mailing,
                      mailing_admin, messages_admin, petitions, petitions_admin):
        app.register_blueprint(blueprint)
    calendar.init_app(app)
    app.register_blueprint(events)
    app.register_blueprint(events_admin)
    app.register_blueprint(attendees)
    app.register_blueprint(reminders_admin)


def register_hooks(app):
    """Security headers, error pages and template helpers."""
    from campaign.core import errors, pagecache, security, templating

    security.init_app(app)
    pagecache.init_app(app)
    errors.init_app(app)
    templating.init_app(app)


def register_commands(app):
    """The ``flask campaign …`` operator commands."""
    from campaign.cli import campaign_cli

    app.cli.add_command(campaign_cli)
