"""Calendars: iCalendar files for events (and, later, feeds)."""
