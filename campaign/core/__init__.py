"""Shared pieces: database types, i18n, errors, security headers, template helpers."""
