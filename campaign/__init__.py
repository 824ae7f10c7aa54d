"""Campaign manager for human-rights organisations: the application factory.

Each domain plugs itself in through its own ``init_app`` (blueprints, campaign-page sections,
dashboard links, mail kinds, scheduling steps, demo step, signal receivers);
:func:`register_domains` calls them in one list, lowest layer first (the order import-linter
checks, see docs/architecture.md). Nothing is registered by importing a module.
"""
from flask import Flask

from campaign import (api, calendar, campaigns, config, core, embeds, events, letters, mailing,
                      messages, organisers, petitions, reminders, supporters, webhooks)


def create_app(test_config=None):
    """Create the app: configuration, extensions, each domain, commands."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder="../templates", static_folder="../static")
    config.load(app, test_config)
    config.apply_proxy_fix(app)
    register_extensions(app)
    register_domains(app)
    register_commands(app)
    return app


def register_extensions(app):
    """Bind the unbound extensions to this app."""
    from campaign.core import database
    from campaign.extensions import csrf, db, limiter, login, mail, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIRECTORY"])
    mail.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login.init_app(app)


def register_domains(app):
    """Let each domain plug itself in, lowest layer first (each may use those before it)."""
    for domain in (core, organisers, campaigns, mailing, calendar, events, petitions, letters,
                   embeds, messages, reminders, supporters, webhooks, api):
        domain.init_app(app)


def register_commands(app):
    """The ``flask campaign …`` operator commands."""
    from campaign.cli import campaign_cli

    app.cli.add_command(campaign_cli)
