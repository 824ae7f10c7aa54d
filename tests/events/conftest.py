"""Fixtures for the events tests: the clock a week before the protest, a campaign, the event."""
import pytest

from campaign import clock
from tests.events.helpers import BEFORE, create_event
from tests.factories import create_campaign, create_organiser, log_in


@pytest.fixture
def week_before():
    """The clock a week before the protest (RSVP open)."""
    clock.set_now(BEFORE)
    return BEFORE


@pytest.fixture
def campaign(app, week_before):
    return create_campaign()


@pytest.fixture
def event(campaign):
    return create_event(campaign)


@pytest.fixture
def organiser(app, client):
    create_organiser()
    log_in(client)
    return client
