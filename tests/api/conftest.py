import pytest

from tests.api.helpers import Api, make_world


@pytest.fixture
def world(app):
    return make_world()


@pytest.fixture
def api(client, world):
    """A client sending campaign "a"'s owner token."""
    return Api(client, world["owner"])
