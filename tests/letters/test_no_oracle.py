"""A stranger writes a letter with an address that wrote before (confirmed or not) and with a
new one, and compares everything they can observe: the answer, its headers and body, the SQL
the request runs, the public pages and the count (issue 14, "privacy as everywhere")."""
import datetime as dt

import pytest
import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.letters import queries
from campaign.letters.models import Letter
from campaign.mailing.models import OutboxMessage
from tests.events.test_no_oracle import Statements, headers
from tests.letters.helpers import confirm_all, create_action, letter_data, outbox

ACTION = "/en/letters/write-meps"
PAGES = (ACTION, ACTION + "?country=PL", ACTION + "/check-email", "/pl" + ACTION[3:],
         "/en/campaigns/free-them")


def observe(app, email: str) -> dict:
    client = app.test_client()
    with Statements() as statements:
        response = client.post(ACTION + "/write", data=letter_data(name="Eve", email=email))
    seen = {"post": (response.status_code, headers(response), response.get_data()),
            "statements": statements.seen}
    for page in PAGES:
        answer = client.get(page)
        seen[page] = (answer.status_code, headers(answer), answer.get_data())
    return seen


@pytest.mark.parametrize("confirmed", [True, False], ids=["confirmed", "pending"])
def test_a_known_and_a_new_address_look_exactly_the_same_to_a_stranger(
        app, client, frozen_now, confirmed):
    action = create_action()
    client.post(ACTION + "/write", data=letter_data(email="known@example.org", body="Mine"))
    if confirmed:
        confirm_all(client)
    clock.advance(dt.timedelta(minutes=30))
    count = queries.letters_sent(action)
    outbox_before = db.session.scalar(sa.select(sa.func.max(OutboxMessage.id)))

    rounds = []
    for minutes in (0, 1, 11):
        clock.set_now(clock.now() + dt.timedelta(minutes=minutes))
        rounds.append((observe(app, "known@example.org"), observe(app, "new@example.org")))
    for known_seen, new_seen in rounds:
        assert known_seen["post"][0] == 302
        for what in known_seen:
            assert known_seen[what] == new_seen[what], what

    db.session.expire_all()
    assert queries.letters_sent(action) == count
    known = db.session.scalar(sa.select(Letter).where(Letter.email == "known@example.org"))
    assert known.body == ("Mine" if confirmed else "Dear MEP,\n\nFree them.")
    rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > outbox_before)
                              .order_by(OutboxMessage.id)).all()
    assert [row.status for row in rows] == ["queued", "queued", "cancelled", "cancelled",
                                            "queued", "queued"]
    assert len(db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.kind == "letter_confirmation")).all()) == 1 + 6
    assert len(outbox("letter_confirmation")) == 1 + 4  # the throttled tries went nowhere
