"""Many people racing for the last seat: the event is never over-filled.

Runs on both engines: PostgreSQL holds the event row (SELECT … FOR UPDATE); SQLite takes its
database write lock with a write to the event row before deciding. Without either lock these
tests fail (over capacity, or a unique-constraint error for the same address).
"""
import threading

from campaign.events import queries, rsvps as rsvp_writes
from campaign.events.forms import CONSENT_VERSION
from campaign.events.models import Event, RsvpStatus
from campaign.extensions import db
from tests.events.helpers import create_event, rsvp, rsvps

RACERS = 8


def _race(app, event_id, make_email):
    """Each thread answers in its own app context (its own session and connection)."""
    barrier = threading.Barrier(RACERS)
    errors = []

    def answer(number):
        with app.app_context():
            try:
                event = db.session.get(Event, event_id)
                barrier.wait(timeout=10)
                rsvp_writes.submit_rsvp(event, name=f"Racer {number}", email=make_email(number),
                                       guests=0, lang="en", wants_updates=False,
                                       consent_version=CONSENT_VERSION)
                db.session.commit()
            except Exception as error:  # reported below, with the thread's number
                errors.append((number, error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=answer, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_racers_for_the_last_seat_never_over_fill_the_event(app, campaign):
    event = create_event(campaign, capacity=10, max_guests=8)
    rsvp(event, "holder@example.org", guests=8)  # 9 of 10 seats taken
    event_id = event.id
    db.session.remove()

    errors = _race(app, event_id, lambda n: f"racer{n}@example.org")

    assert errors == []
    event = db.session.get(Event, event_id)
    assert queries.seats_taken(event) == 10
    confirmed = [r for r in rsvps(event) if r.status == RsvpStatus.CONFIRMED]
    waiting = [r for r in rsvps(event) if r.status == RsvpStatus.WAITLISTED]
    assert (len(confirmed), len(waiting)) == (2, RACERS - 1)
    assert sorted(queries.waitlist_position(r) for r in waiting) == list(range(1, RACERS))


def test_the_same_address_sent_at_once_makes_one_rsvp(app, campaign):
    event_id = create_event(campaign, capacity=10).id
    db.session.remove()

    errors = _race(app, event_id, lambda n: "same@example.org")

    assert errors == []
    event = db.session.get(Event, event_id)
    [only] = rsvps(event)
    assert only.submissions == RACERS
    assert queries.seats_taken(event) == 1
