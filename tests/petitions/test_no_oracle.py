"""A stranger signs with an address that signed (verified), one that signed without confirming,
one an organiser invalidated, and a new one, and compares everything they can observe: the
answer, its headers and body, the SQL the request runs, the public pages and the count."""
import datetime as dt

import pytest
import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.petitions import counter, operations
from campaign.petitions.models import Signature, SignatureState
from tests.events.test_no_oracle import Statements, headers
from tests.factories import create_campaign
from tests.petitions.helpers import create_petition, sign_data

PETITION = "/en/petitions/stop-torture"
PAGES = (PETITION, PETITION + "/check-email", "/ru" + PETITION[3:], "/en/campaigns/free-them",
         PETITION + "/share.png")


def observe(app, email: str) -> dict:
    """Everything a stranger without cookies sees when signing as *email*."""
    client = app.test_client()
    with Statements() as statements:
        response = client.post(PETITION + "/sign",
                               data=sign_data(name="Eve", email=email, country="KZ"),
                               environ_base={"REMOTE_ADDR": "198.51.100.7"})
    seen = {"post": (response.status_code, headers(response), response.get_data()),
            "statements": statements.seen}
    for page in PAGES:
        answer = client.get(page)
        seen[page] = (answer.status_code, headers(answer), answer.get_data())
    return seen


def _known(petition, state):
    signature = operations.record_verified_signature(
        petition, name="Known Signer", email="known@example.org", country="PL", lang="pl")
    if state == "pending":
        counter.add(petition.id, -1)
        signature.state, signature.verified_at = SignatureState.PENDING, None
    elif state == "invalidated":
        operations.invalidate(petition, [Signature.id == signature.id])
    db.session.commit()
    return signature


@pytest.mark.parametrize("state", ["verified", "pending", "invalidated"])
def test_a_known_and_a_new_address_look_exactly_the_same_to_a_stranger(app, frozen_now, state):
    petition = create_petition(create_campaign())
    known = _known(petition, state)
    before = (known.name, known.country, known.lang, known.state)
    count = counter.count(petition.id, fresh=True)
    outbox_before = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))

    # Each address: the first mail, the throttled second try, and once more later.
    rounds = []
    for minutes in (0, 1, 11):
        clock.set_now(clock.now() + dt.timedelta(minutes=minutes))
        rounds.append((observe(app, "known@example.org"), observe(app, "new@example.org")))
    for known_seen, new_seen in rounds:
        assert known_seen["post"][0] == 302
        for what in known_seen:
            assert known_seen[what] == new_seen[what], what

    db.session.expire_all()
    known = db.session.get(Signature, known.id)
    assert (known.name, known.country, known.lang, known.state) == before  # nothing changed
    assert counter.count(petition.id, fresh=True) == count
    rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > 0)
                              .order_by(OutboxMessage.id)).all()[outbox_before:]
    assert len(rows) == 6  # one row per submission, whichever the address
    statuses = [row.status for row in rows]
    new_statuses = statuses[1::2]
    assert new_statuses == ["queued", "cancelled", "queued"]
    known_statuses = statuses[0::2]
    expected = ["cancelled"] * 3 if state == "invalidated" else ["queued", "cancelled", "queued"]
    assert known_statuses == expected
    if state == "verified":
        assert rows[0].kind == "petition_already_signed" and rows[0].lang == "pl"
