"""Organiser accounts, login and the dashboard."""
