"""The attendee list pages by key (after / before an RSVP), not by offset, and counts from the
event's tally: every page costs the same at 100,000 RSVPs. Names sort by a stored key that
folds case and accents, so Polish and Cyrillic names sort as people expect."""
import datetime as dt
import html
import re

import pytest
import sqlalchemy as sa

from campaign import clock
from campaign.core.names import sort_key
from campaign.events import attendees, queries, retention, rsvps as rsvp_writes
from campaign.events.models import Event, Rsvp, RsvpStatus, RsvpTally
from campaign.extensions import db
from tests.events.helpers import create_event, rsvp

JOINED = dt.datetime(2017, 11, 20, 10, 0, tzinfo=dt.UTC)
#: The confirmed section in list order (ties broken by id: the four Annas, zoe and Zoe).
CONFIRMED = ["Anna", "Anna", "Anna", "Anna", "Lucyna", "Łukasz", "Śmiały", "Szymon", "zoe",
             "Zoe", "Zoë", "Ёлка", "Ель", "Иван", "Йод", "Яна"]
#: The RSVPs the fixture added, in the order it added them.
added = []


def add(event, name, status=RsvpStatus.CONFIRMED, waitlisted_at=None):
    row = Rsvp(event_id=event.id, name=name, email=f"{len(added)}@example.org", lang="en",
               consent_version="test", status=status, waitlisted_at=waitlisted_at)
    db.session.add(row)
    db.session.flush()
    added.append(row)
    return row


@pytest.fixture
def big_list(campaign, monkeypatch):
    """16 confirmed (shuffled), 3 waiting (two joined at the same moment), 3 cancelled
    with the same name; 4 a page."""
    added.clear()
    event = create_event(campaign, capacity=None)
    for name in ("Zoë", "Anna", "Ель", "zoe", "Anna", "Łukasz", "Яна", "Szymon", "Anna",
                 "Йод", "Zoe", "Ёлка", "Śmiały", "Lucyna", "Иван", "Anna"):
        add(event, name)
    for minutes in (5, 0, 0):
        add(event, f"Waiting {minutes}", RsvpStatus.WAITLISTED,
            JOINED + dt.timedelta(minutes=minutes))
    for _ in range(3):
        add(event, "Cancelled", RsvpStatus.CANCELLED)
    db.session.commit()
    monkeypatch.setattr(attendees, "PER_PAGE", 4)
    return event


def shown(page_html):
    return [int(found) for found in re.findall(r'<li id="rsvp-(\d+)"', page_html)]


def link(page_html, rel):
    found = re.search(rf'href="([^"]+)" rel="{rel}"', page_html)
    return html.unescape(found.group(1)) if found else None


def names(ids):
    by_id = {row.id: row.name for row in added}
    return [by_id[row_id] for row_id in ids]


def walk(client, url, rel):
    pages = []
    while url:
        page_html = client.get(url).get_data(as_text=True)
        pages.append(shown(page_html))
        url = link(page_html, rel)
    return pages


def test_next_walks_every_section_once_in_order(organiser, big_list):
    pages = walk(organiser, f"/organiser/events/{big_list.id}/attendees", "next")
    assert [len(page) for page in pages] == [4, 4, 4, 4, 4, 2]
    every = sum(pages, [])
    assert names(every) == CONFIRMED + ["Waiting 0", "Waiting 0", "Waiting 5"] + \
        ["Cancelled"] * 3
    annas = [row.id for row in added if row.name == "Anna"]
    assert every[:4] == sorted(annas)  # equal names: by id
    waiting = [row.id for row in added if row.name == "Waiting 0"]
    assert every[16:18] == sorted(waiting)  # joined at the same moment: by id


def test_previous_comes_back_through_the_same_pages(organiser, big_list):
    forward = walk(organiser, f"/organiser/events/{big_list.id}/attendees", "next")
    last = forward[-1][-1]
    # The last page's "previous" link, then on up to the first page.
    page_html = organiser.get(f"/organiser/events/{big_list.id}/attendees?after="
                              f"{forward[-2][-1]}").get_data(as_text=True)
    assert shown(page_html) == forward[-1] and link(page_html, "next") is None
    backward = walk(organiser, link(page_html, "prev"), "prev")
    assert backward == forward[-2::-1]
    assert last == forward[-1][-1]


def test_the_page_counts_and_totals_stay_exact(organiser, big_list):
    page_html = organiser.get(f"/organiser/events/{big_list.id}/attendees").get_data(
        as_text=True)
    assert "22 people match." in page_html
    assert "Confirmed: 16 people, 16 seats" in page_html
    assert "Waiting list: 3 people, 3 seats" in page_html and "Cancelled: 3" in page_html


def test_paging_keeps_the_status_filter_and_the_search(organiser, big_list):
    url = f"/organiser/events/{big_list.id}/attendees?status=confirmed&q=z"
    pages = walk(organiser, url, "next")
    every = names(sum(pages, []))
    assert every == [name for name in CONFIRMED if "z" in name.casefold()]
    first = organiser.get(url).get_data(as_text=True)
    assert "status=confirmed" in link(first, "next") and "q=z" in link(first, "next")
    assert f"{len(every)} people match." in first


def test_waiting_list_positions_on_a_later_page(organiser, big_list):
    pages = walk(organiser, f"/organiser/events/{big_list.id}/attendees?status=waitlisted",
                 "next")
    assert len(pages) == 1
    page_html = organiser.get(f"/organiser/events/{big_list.id}/attendees?after="
                              f"{sum(pages, [])[0]}&status=waitlisted").get_data(as_text=True)
    assert "(position 2)" in page_html and "(position 3)" in page_html
    assert "(position 1)" not in page_html
    searched = organiser.get(f"/organiser/events/{big_list.id}/attendees?q=waiting+5"
                             ).get_data(as_text=True)
    assert "(position 3)" in searched


@pytest.mark.parametrize("query", ["after=999999", "before=999999", "after=abc",
                                   "after=-3", "before=99999999999999999999",
                                   f"after={2**40}"])
def test_a_mark_that_is_not_on_the_list_shows_the_first_page(organiser, big_list, query):
    first = organiser.get(f"/organiser/events/{big_list.id}/attendees").get_data(as_text=True)
    answer = organiser.get(f"/organiser/events/{big_list.id}/attendees?{query}")
    assert answer.status_code == 200
    assert shown(answer.get_data(as_text=True)) == shown(first)


def test_a_mark_from_another_event_or_filtered_out_shows_the_first_page(organiser, big_list,
                                                                         campaign):
    other = create_event(campaign, slug="vigil")
    stranger = rsvp(other, "s@example.org", name="Stranger")
    url = f"/organiser/events/{big_list.id}/attendees"
    first = shown(organiser.get(url).get_data(as_text=True))
    assert shown(organiser.get(f"{url}?after={stranger.id}").get_data(as_text=True)) == first
    cancelled = added[-1].id
    confirmed = shown(organiser.get(f"{url}?status=confirmed").get_data(as_text=True))
    assert shown(organiser.get(f"{url}?status=confirmed&after={cancelled}").get_data(
        as_text=True)) == confirmed


def test_past_the_last_person_the_first_page_shows_again(organiser, big_list):
    """The last person was removed meanwhile: their "next" page is empty, so page one."""
    url = f"/organiser/events/{big_list.id}/attendees"
    last = added[-1]
    rsvp_writes.remove_rsvp(last)
    db.session.commit()
    page_html = organiser.get(f"{url}?after={added[-2].id}").get_data(as_text=True)
    assert shown(page_html) == shown(organiser.get(url).get_data(as_text=True))


def counted(event):
    """People and seats counted from the rows (what the tally must always equal)."""
    rows = db.session.execute(
        sa.select(Rsvp.status, sa.func.count(), sa.func.sum(1 + Rsvp.guests))
        .where(Rsvp.event_id == event.id).group_by(Rsvp.status))
    return {status: (people, int(seats)) for status, people, seats in rows}


def tally(event):
    rows = db.session.execute(sa.select(RsvpTally.status, RsvpTally.people, RsvpTally.seats)
                              .where(RsvpTally.event_id == event.id))
    return {status: (people, seats) for status, people, seats in rows if people}


def test_the_tally_follows_every_kind_of_change(campaign):
    event = create_event(campaign, capacity=4, max_guests=3)
    ala = rsvp(event, "ala@example.org", name="Ala", guests=1)
    borys = rsvp(event, "borys@example.org", name="Borys", guests=1)
    celina = rsvp(event, "celina@example.org", name="Celina", guests=2)  # waits
    assert tally(event) == counted(event) == {RsvpStatus.CONFIRMED: (2, 4),
                                              RsvpStatus.WAITLISTED: (1, 3)}
    steps = [
        lambda: rsvp_writes.set_check_in(ala, True),
        lambda: rsvp_writes.change_guests(ala, 0),
        lambda: rsvp_writes.cancel_rsvp(borys),  # Celina moves up
        lambda: rsvp_writes.rejoin_rsvp(borys),
        lambda: rsvp_writes.set_check_in(celina, True),
        lambda: rsvp_writes.remove_rsvp(celina),
        lambda: rsvp(event, "ala@example.org", name="Ala Nowak", guests=2),
        lambda: retention.erase_rsvp(borys, clock.now()),
        lambda: db.session.execute(sa.insert(Rsvp), [
            dict(event_id=event.id, name=f"Bulk {n}", email=f"bulk{n}@example.org",
                 status=RsvpStatus.CANCELLED, guests=1, lang="en", consent_version="t",
                 manage_key=f"bulk{n:012d}", checkin_code=f"BULK{n:012d}")
            for n in range(3)]),
    ]
    for number, step in enumerate(steps):
        step()
        db.session.commit()
        assert tally(event) == counted(event), number
    totals = queries.totals(event)
    assert totals.cancelled_people == counted(event)[RsvpStatus.CANCELLED][0]
    assert totals.checked_in == 1  # Ala, still coming (Celina was removed)
    db.session.execute(sa.delete(Event).where(Event.id == event.id))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RsvpTally)) == 0


def test_the_sort_key_follows_the_name(campaign):
    event = create_event(campaign)
    ala = rsvp(event, "ala@example.org", name="Ala")
    assert ala.sort_key == sort_key("Ala")
    rsvp(event, "ala@example.org", name="Łucja Ąbel")  # the same address: the name changes
    db.session.expire_all()
    assert db.session.get(Rsvp, ala.id).sort_key == sort_key("Łucja Ąbel")
    db.session.execute(sa.insert(Rsvp), [dict(
        event_id=event.id, name="Ёжик", email="bulk@example.org", lang="en",
        consent_version="t", manage_key="bulk000000000000", checkin_code="BULK000000000000")])
    assert db.session.scalar(sa.select(Rsvp.sort_key).where(Rsvp.name == "Ёжик")) == \
        sort_key("Ёжик")
    retention.erase_ids([ala.id], clock.now())
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Rsvp, ala.id).sort_key == sort_key("") == "\x1f"


def test_names_sort_by_letter_not_by_code_point():
    ordered = ["Ąda", "Adam", "Ann", "Ann Z", "Anna", "Lucyna", "Łukasz", "Sara", "Śmiały",
               "Szymon", "Zoe", "Zoë", "Ёлка", "Ель", "Иван", "Йод", "Ковальский", "Яна"]
    assert sorted(reversed(ordered), key=sort_key) == ordered
    assert sort_key("  ANNA   maria ") == sort_key("anna maria")
    assert len(sort_key("Ω" * 500)) <= 255
