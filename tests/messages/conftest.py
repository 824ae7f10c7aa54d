"""Fixtures: an app whose mail goes to a real SMTP server, and a logged-in organiser."""
import pytest

from campaign.extensions import db
from tests.factories import create_organiser, log_in


@pytest.fixture
def smtp_app(make_app, smtp_server):
    """An app (in its context) whose mail goes to the test SMTP server."""
    app = make_app(**smtp_server.config)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def organiser_client(app):
    """A test client logged in as an organiser (organiser@example.org)."""
    create_organiser()
    client = app.test_client()
    log_in(client)
    return client
