"""What each domain adds to the app from its ``init_app``, kept on the app itself.

A domain registers its campaign-page sections, dashboard links, mail kinds, scheduling steps
and demo step by calling the registering function of the domain that owns the registry, from
its own ``init_app``. The entries live in ``app.extensions`` (per app, never per import): every
registry is complete once ``create_app`` has run, whatever was imported first, and two apps in
one process (tests, a benchmark beside the real app) do not share them.
"""
from flask import current_app

#: Where the registries live in ``app.extensions``.
KEY = "campaign.plugins"


def register(app, registry: str, name: str, entry) -> None:
    """Add (or replace) *name* in *app*'s *registry*."""
    app.extensions.setdefault(KEY, {}).setdefault(registry, {})[name] = entry


def registered(registry: str, app=None) -> dict:
    """*registry* of *app* (default: the current app): name → entry, in registration order."""
    return (app or current_app).extensions.get(KEY, {}).get(registry, {})
