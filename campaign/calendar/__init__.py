"""Calendars: .ics files and subscribable feeds of events and key dates."""


def init_app(app):
    """Register the calendar's part of the campaign page and its template helpers."""
    from campaign.calendar import page

    page.register(app)
