"""A stranger tries the RSVP form with an address that registered and one that did not, and
compares everything they can observe: nothing may differ (issue 14, "RSVP oracle")."""
import datetime as dt
import re

import pytest
import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from tests.events.helpers import create_event, form, rsvp, rsvps

EVENT = "/en/events/brussels-protest"
PAGES = (EVENT, EVENT + "/thanks", "/en/campaigns/free-them", "/ru" + EVENT[3:],
         EVENT + ".ics")


class Statements:
    """The SQL a request runs, without its parameters: the same list means the same work."""

    def __init__(self):
        self.seen = []

    def __enter__(self):
        sa.event.listen(db.engine, "before_cursor_execute", self.record)
        return self

    def __exit__(self, *exc):
        sa.event.remove(db.engine, "before_cursor_execute", self.record)

    def record(self, conn, cursor, statement, parameters, context, executemany):
        self.seen.append(statement)


def headers(response) -> list:
    """The headers, with a cookie's wall-clock expiry left out (it moves with the seconds),
    and the session cookie read: its "send again" reference is sealed afresh each time
    (random-looking, see campaign.core.resend) and the typed address is a keyed hash (it
    differs with the address, not with what is known about it), so only their shape is
    compared."""
    return sorted((name, _session(re.sub(r"Expires=[^;]+; ", "", value))
                   if name == "Set-Cookie" else value) for name, value in response.headers.items())


def _session(cookie: str) -> str:
    from flask import current_app

    name, _, rest = cookie.partition("=")
    if name != current_app.config["SESSION_COOKIE_NAME"]:
        return cookie
    value, _, attributes = rest.partition(";")
    data = current_app.session_interface.get_signing_serializer(current_app).loads(value)
    for entry in data.get("resend", {}).values():
        assert re.fullmatch(r"[0-9a-f]{16}\.[0-9a-f]{16}", entry["ref"])
        assert re.fullmatch(r"[0-9a-f]{16}", entry["tag"])  # a keyed hash of what was typed
        entry["ref"] = entry["tag"] = "sealed"
    return f"{name}={sorted(data.items())!r};{attributes}"


def observe(app, email: str, guests: str) -> dict:
    """Everything a stranger without cookies sees when sending the form for *email*."""
    client = app.test_client()
    with Statements() as statements:
        response = client.post(EVENT, data=form(name="Eve", email=email, guests=guests))
    seen = {"post": (response.status_code, headers(response),
                     response.get_data()),
            "statements": statements.seen}
    for page in PAGES:
        answer = client.get(page)
        seen[page] = (answer.status_code, headers(answer), answer.get_data())
    return seen


@pytest.mark.parametrize("registered_status", ["confirmed", "waitlisted", "cancelled"])
def test_a_registered_and_a_new_address_look_exactly_the_same_to_a_stranger(app, campaign,
                                                                           registered_status):
    event = create_event(campaign, capacity=3)
    known = rsvp(event, email="known@example.org", guests=1)
    rsvp(event, email="filler@example.org", guests=0)
    if registered_status == "waitlisted":
        rsvp(event, email="waiting@example.org", guests=2)
        known = rsvps(event)[-1]
        known_email = "waiting@example.org"
    else:
        known_email = "known@example.org"
    if registered_status == "cancelled":
        from campaign.events import rsvps as writes
        writes.cancel_rsvp(known, notify=False)
        db.session.commit()
    before = {r.email: (r.name, r.guests, r.status, r.updated_at) for r in rsvps(event)}
    outbox_before = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))

    # Each address twice: the first mail, then the throttled second try; and once more later.
    rounds = []
    for minutes in (0, 1, 11):
        clock.set_now(clock.now() + dt.timedelta(minutes=minutes))
        rounds.append((observe(app, known_email, "2"), observe(app, "new@example.org", "2")))
    for known_seen, new_seen in rounds:
        assert known_seen["post"][0] == 302
        for what in known_seen:
            assert known_seen[what] == new_seen[what], what

    # Nothing changed for the registered person, and the count never moved.
    db.session.expire_all()
    assert {r.email: (r.name, r.guests, r.status, r.updated_at) for r in rsvps(event)} == before
    # Exactly one outbox row per submission, whichever the address.
    rows = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.kind == "rsvp_request").order_by(OutboxMessage.id)).all()
    assert len(rows) == 6
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) \
        == outbox_before + 6
    assert [row.status for row in rows] == ["queued", "queued", "cancelled", "cancelled",
                                            "queued", "queued"]
