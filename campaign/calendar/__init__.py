"""Calendars: .ics files and subscribable feeds of events and key dates."""


def init_app(app):
    """The feed and key-date .ics files (the feed's 304s answered in front of Flask), the
    campaign page's "Subscribe" box, calendar links."""
    from campaign.calendar import revalidation, views
    from campaign.campaigns import sections

    app.register_blueprint(views.bp)
    revalidation.install(app)
    sections.register(app, "calendar-subscribe", 90, "calendar/_subscribe.html",
                      views.subscribe_links)
    app.jinja_env.globals["key_date_calendar_links"] = views.key_date_links
