"""Fixtures: an app whose mail goes to the test SMTP server, and one without MAIL_SERVER."""
import pytest

from campaign.extensions import db
from tests.mailing.helpers import with_test_templates


@pytest.fixture
def mail_app(make_app, smtp_server):
    """An app (in its context) whose mail goes to the test SMTP server."""
    app = with_test_templates(make_app(**smtp_server.config))
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def log_app(make_app):
    """An app (in its context) without MAIL_SERVER: mail goes to the local mail log."""
    app = with_test_templates(make_app())
    with app.app_context():
        yield app
        db.session.remove()
