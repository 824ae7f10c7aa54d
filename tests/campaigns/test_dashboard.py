"""The organisers' dashboard: each campaign's numbers, for the roles that may see them."""
import datetime as dt

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.organisers.roles import Role
from campaign.petitions.models import Signature, SignatureState
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign, create_key_date, create_organiser, log_in, page_text
from tests.petitions.helpers import create_petition


@pytest.fixture
def campaign(app):
    clock.set_now(BEFORE)  # Friday 1 December 2017, 09:00 UTC
    campaign = create_campaign()
    create_key_date(campaign, date=dt.date(2017, 12, 13), texts={"en": {"title": "Vote"}})
    event = create_event(campaign, capacity=2)
    rsvp(event, email="a@example.org", name="Ala")
    rsvp(event, email="b@example.org", name="Basia", guests=1)  # two seats: waitlisted
    petition = create_petition(campaign)
    for n, moment in enumerate([BEFORE - dt.timedelta(days=2), BEFORE - dt.timedelta(hours=1),
                                BEFORE - dt.timedelta(minutes=5)]):
        db.session.add(Signature(
            petition_id=petition.id, name=f"P{n}", email=f"p{n}@example.org",
            email_canonical=f"p{n}@example.org", email_domain="example.org", country="PL",
            consent_version="1", lang="en", state=SignatureState.VERIFIED,
            created_at=moment, verified_at=moment))
    db.session.commit()
    return campaign


def test_the_owner_sees_each_number_of_the_campaign(client, campaign):
    create_organiser()
    log_in(client)
    response = client.get("/organiser/")
    html, text = response.get_data(as_text=True), page_text(response)
    assert "RSVPs 1" in text and "Waiting list 1" in text and "Checked in 0" in text
    assert "Signatures today 2" in text
    assert "Signatures in all" in text
    assert "Messages in progress 0" in text
    assert "Next key date 13 December 2017 Vote" in text
    # The event's reminder a day before it starts, on the campaign's clock.
    assert "Next reminder 7 December 2017, 12:00 CET Protest in Brussels" in text
    # The sparkline: 30 days, bounded height.
    assert 'class="sparkline"' in html and 'height="40"' in html
    assert "Texts missing a language" in text
    assert "Event: Protest in Brussels: Русский, Polski" in text


def test_a_viewer_sees_numbers_and_a_door_volunteer_none(client, campaign):
    create_organiser("viewer@example.org", roles={campaign: Role.VIEWER})
    log_in(client, "viewer@example.org")
    assert "RSVPs 1" in page_text(client.get("/organiser/"))
    client.post("/organiser/logout")
    create_organiser("door@example.org", roles={campaign: Role.DOOR})
    log_in(client, "door@example.org")
    text = page_text(client.get("/organiser/"))
    assert "Free them" in text
    assert "RSVPs" not in text and "Signatures" not in text and "missing a language" not in text
