"""Seats and the waiting list: who is confirmed, who waits, who is promoted and in what order.

The rule (campaign/events/__init__.py): strict FIFO, first who fits — a group too large for the
free seats keeps its place but does not block smaller RSVPs behind it.
"""
import pytest

from campaign import clock
from campaign.events import operations, queries, rsvps as rsvp_writes
from campaign.events.models import RsvpStatus
from campaign.extensions import db
from tests.events.helpers import create_event, outbox, rsvp, rsvps


def statuses(event):
    return [(r.email.split("@")[0], r.status.value) for r in rsvps(event)]


def test_an_rsvp_that_fits_is_confirmed_and_takes_one_seat_plus_guests(campaign):
    event = create_event(campaign, capacity=10)
    answer = rsvp(event, guests=2)
    assert answer.status == RsvpStatus.CONFIRMED
    assert queries.seats_taken(event) == 3
    assert queries.free_seats(event) == 7


def test_exactly_full_is_confirmed_and_the_next_person_waits(campaign):
    event = create_event(campaign, capacity=4)
    rsvp(event, "a@example.org", guests=3)
    assert queries.free_seats(event) == 0
    late = rsvp(event, "b@example.org")
    assert statuses(event) == [("a", "confirmed"), ("b", "waitlisted")]
    assert queries.waitlist_position(late) == 1
    assert queries.seats_taken(event) == 4


def test_guests_that_do_not_fit_put_the_whole_group_on_the_waiting_list(campaign):
    event = create_event(campaign, capacity=4)
    rsvp(event, "a@example.org", guests=1)
    group = rsvp(event, "b@example.org", guests=2)  # needs 3 seats, 2 are free
    assert group.status == RsvpStatus.WAITLISTED
    alone = rsvp(event, "c@example.org")  # needs 1 seat: fits
    assert alone.status == RsvpStatus.CONFIRMED
    assert queries.seats_taken(event) == 3


def test_no_capacity_means_everyone_is_confirmed(campaign):
    event = create_event(campaign, capacity=None)
    for number in range(5):
        assert rsvp(event, f"p{number}@example.org", guests=3).status == RsvpStatus.CONFIRMED
    assert queries.free_seats(event) is None


def test_cancelling_promotes_the_first_who_fits_and_skips_a_larger_group(campaign):
    event = create_event(campaign, capacity=3)
    first = rsvp(event, "a@example.org", guests=2)        # 3 seats: full
    rsvp(event, "big@example.org", guests=2)              # waits 1st, needs 3
    rsvp(event, "small@example.org")                      # waits 2nd, needs 1
    rsvp(event, "small2@example.org")                     # waits 3rd, needs 1
    rsvp_writes.change_guests(first, 1)                    # frees 1 seat
    db.session.commit()
    assert statuses(event) == [("a", "confirmed"), ("big", "waitlisted"),
                               ("small", "confirmed"), ("small2", "waitlisted")]
    assert [m.to_address for m in outbox("rsvp_promoted")] == ["small@example.org"]


def test_the_head_of_the_list_is_promoted_first_when_it_fits(campaign):
    event = create_event(campaign, capacity=3)
    first = rsvp(event, "a@example.org", guests=2)
    rsvp(event, "big@example.org", guests=2)
    rsvp(event, "small@example.org")
    rsvp_writes.cancel_rsvp(first)
    db.session.commit()
    assert statuses(event) == [("a", "cancelled"), ("big", "confirmed"),
                               ("small", "waitlisted")]
    assert [m.to_address for m in outbox("rsvp_promoted")] == ["big@example.org"]
    assert outbox("rsvp_cancelled")[0].to_address == "a@example.org"


def test_waiting_list_order_is_the_order_people_joined(campaign):
    event = create_event(campaign, capacity=1)
    holder = rsvp(event, "a@example.org")
    for name in ("w1", "w2", "w3"):
        rsvp(event, f"{name}@example.org")
    assert [queries.waitlist_position(r) for r in rsvps(event)[1:]] == [1, 2, 3]
    rsvp_writes.cancel_rsvp(holder)
    db.session.commit()
    assert statuses(event)[1:] == [("w1", "confirmed"), ("w2", "waitlisted"),
                                   ("w3", "waitlisted")]
    assert queries.waitlist_position(rsvps(event)[3]) == 2


def test_a_confirmed_person_asking_for_more_guests_than_fit_keeps_their_booking(campaign):
    event = create_event(campaign, capacity=3)
    person = rsvp(event, "a@example.org", guests=1)
    rsvp(event, "b@example.org")
    assert rsvp_writes.change_guests(person, 2) is False
    db.session.rollback()
    db.session.refresh(person)
    assert (person.status, person.guests) == (RsvpStatus.CONFIRMED, 1)


def test_the_same_email_again_updates_the_rsvp_and_never_adds_a_row(campaign):
    event = create_event(campaign, capacity=10)
    rsvp(event, "Ala@Example.org", guests=1, name="Ala")
    clock.advance(rsvp_writes.RESEND_INTERVAL)
    again = rsvp(event, "ala@example.org", guests=3, name="Ala Nowak")
    assert len(rsvps(event)) == 1
    assert (again.name, again.guests, again.submissions) == ("Ala Nowak", 3, 2)
    assert queries.seats_taken(event) == 4
    mails = outbox("rsvp_confirmation")
    assert [m.payload["updated"] for m in mails] == [False, True]
    assert len({m.key for m in mails}) == 2


def test_a_waitlisted_person_answering_again_keeps_their_place(campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, "a@example.org")
    first = rsvp(event, "w1@example.org")
    rsvp(event, "w2@example.org")
    again = rsvp(event, "w1@example.org", name="W1 again")
    assert again.id == first.id
    assert queries.waitlist_position(again) == 1


def test_raising_the_capacity_promotes_from_the_waiting_list(campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, "a@example.org")
    rsvp(event, "b@example.org", guests=1)
    operations.update_event(event, texts={}, capacity=3)
    db.session.commit()
    assert statuses(event) == [("a", "confirmed"), ("b", "confirmed")]
    assert len(outbox("rsvp_promoted")) == 1


def test_lowering_the_capacity_never_unconfirms_anyone(campaign):
    event = create_event(campaign, capacity=5)
    rsvp(event, "a@example.org", guests=3)
    operations.update_event(event, texts={}, capacity=2)
    db.session.commit()
    assert statuses(event) == [("a", "confirmed")]
    assert queries.free_seats(event) == 0
    assert rsvp(event, "b@example.org").status == RsvpStatus.WAITLISTED


def test_removing_someone_frees_their_seats(campaign):
    event = create_event(campaign, capacity=2)
    holder = rsvp(event, "a@example.org", guests=1)
    rsvp(event, "b@example.org")
    rsvp_writes.remove_rsvp(holder)
    db.session.commit()
    assert statuses(event) == [("b", "confirmed")]


@pytest.mark.parametrize("status", ["cancelled", "started"])
def test_nobody_is_promoted_once_the_event_is_cancelled_or_has_started(campaign, status):
    from campaign import clock

    event = create_event(campaign, capacity=1)
    holder = rsvp(event, "a@example.org")
    rsvp(event, "b@example.org")
    if status == "cancelled":
        operations.cancel_event(event)
    else:
        clock.set_now(event.starts_at)
    rsvp_writes.remove_rsvp(holder)
    db.session.commit()
    assert statuses(event) == [("b", "waitlisted")]
    assert outbox("rsvp_promoted") == []
