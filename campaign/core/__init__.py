"""Shared pieces: database types, i18n, errors, security headers, template helpers."""


def init_app(app):
    """Site-wide pieces: bounded ids in URLs, the language, security headers, the page cache,
    error pages, retention settings, template helpers and the site's own routes (/, language
    switch, health)."""
    from campaign.core import (errors, i18n, pagecache, public_address, retention, routing,
                               security, templating, views)

    retention.init_app(app)
    routing.init_app(app)
    i18n.init_app(app)
    public_address.check_catalogs(app)
    public_address.init_app(app)
    security.init_app(app)
    pagecache.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    app.register_blueprint(views.bp)
