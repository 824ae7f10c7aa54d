"""An app whose mail goes to the test SMTP server, its clock ten days before the event."""
import pytest

from campaign import clock
from campaign.extensions import db
from tests.reminders.helpers import TEN_DAYS_BEFORE


@pytest.fixture
def mail_app(make_app, smtp_server):
    """An app (in its context) delivering to the test SMTP server, clock before the event."""
    clock.set_now(TEN_DAYS_BEFORE)
    app = make_app(**smtp_server.config)
    with app.app_context():
        yield app
        db.session.remove()
