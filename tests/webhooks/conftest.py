import pytest

from tests.webhooks.helpers import Receiver


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def private_allowed(app):
    """Endpoints on 127.0.0.1 allowed (the receiver runs in the test process)."""
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    return app
