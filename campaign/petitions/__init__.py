"""Petitions: signatures with double opt-in, a sharded counter, exports for delivery."""
