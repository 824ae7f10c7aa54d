"""Fixtures shared by the petitions tests."""
import pytest

from tests.factories import create_organiser, log_in


@pytest.fixture
def organiser(client, app):
    """A client signed in as an organiser."""
    create_organiser()
    log_in(client)
    return client
