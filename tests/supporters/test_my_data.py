"""/<lang>/my-data: the same answer for every address, a mailed link, a page listing what is
held about the address in every campaign, a JSON download, and erasure (figures stay)."""
import datetime as dt
import re

import pytest
import sqlalchemy as sa

from campaign import clock
from campaign.events import queries as event_queries
from campaign.extensions import db
from campaign.mailing import operations as mailing_operations
from campaign.mailing.models import OutboxMessage
from campaign.mailing.queries import is_suppressed
from campaign.mailing.render import render_row
from campaign.petitions import counter, operations as petition_operations
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.events.test_no_oracle import Statements, headers
from tests.factories import create_campaign
from tests.petitions.helpers import create_petition

ADDRESS = "ala@example.org"


@pytest.fixture
def held(app):
    """Ala RSVPed to a protest (and asked for updates) and signed a petition."""
    clock.set_now(BEFORE)
    campaign = create_campaign()
    event = create_event(campaign, capacity=10)
    rsvp(event, email=ADDRESS, name="Ala Nowak", guests=1, wants_updates=True)
    petition = create_petition(campaign)
    petition_operations.record_verified_signature(petition, name="Ala Nowak", email=ADDRESS,
                                                  country="KZ", lang="en")
    db.session.commit()
    return event, petition


def ask(client, email):
    with Statements() as statements:
        response = client.post("/en/my-data", data={"email": email})
    page = client.get(response.headers["Location"])
    return (response.status_code, headers(response), response.get_data(),
            page.get_data(), statements.seen)


def link_for(email) -> str:
    row = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.kind == "my_data_link", OutboxMessage.to_address == email)
        .order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https://campaign\.test(/en/my-data/\S+)", render_row(row).text).group(1)


def test_every_address_gets_the_same_answer_and_one_mail(app, held):
    known = ask(app.test_client(), ADDRESS)
    unknown = ask(app.test_client(), "nobody@example.org")
    assert known == unknown
    assert known[0] == 302
    assert "a link is on its way" in known[3].decode()
    rows = db.session.scalars(sa.select(OutboxMessage.to_address).where(
        OutboxMessage.kind == "my_data_link")).all()
    assert sorted(rows) == [ADDRESS, "nobody@example.org"]


def test_the_link_lists_everything_and_downloads_it(app, client, held):
    client.post("/en/my-data", data={"email": " Ala@Example.org "})
    page = client.get(link_for(ADDRESS))
    html = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert "Protest in Brussels" in html and "Stop torture" in html and "Ala Nowak" in html
    assert "wants updates" in html
    download = client.get(link_for(ADDRESS) + ".json")
    data = download.get_json(force=True)
    assert download.headers["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert data["rsvps"][0]["guests"] == 1 and data["rsvps"][0]["wants_updates"] is True
    assert data["signatures"][0]["country"] == "KZ"
    assert {m["kind"] for m in data["mail"]} >= {"rsvp_confirmation", "my_data_link"}


def test_erasing_one_item_and_then_everything_keeps_the_figures(app, client, held):
    event, petition = held
    mailing_operations.unsubscribe(ADDRESS)
    db.session.commit()
    client.post("/en/my-data", data={"email": ADDRESS})
    link = link_for(ADDRESS)
    [item] = re.findall(r'name="item" value="(rsvp-\d+)"', client.get(link).get_data(as_text=True))
    client.post(link + "/erase", data={"item": item})
    db.session.expire_all()
    totals = event_queries.totals(event)
    assert (totals.confirmed_people, totals.cancelled_people) == (0, 1)  # the seat is free
    html = client.get(link).get_data(as_text=True)
    assert "Protest in Brussels" not in html and "Stop torture" in html

    client.post(link + "/erase", data={"item": "all"})
    db.session.expire_all()
    html = client.get(link).get_data(as_text=True)
    assert "Stop torture" not in html and "Ala Nowak" not in html
    assert counter.count(petition.id, fresh=True) == 1  # the signature still counts
    assert is_suppressed(ADDRESS)  # the unsubscribe outlives the erasure
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.to_address == ADDRESS, OutboxMessage.status == "sent")) == 0


def test_someone_elses_item_cannot_be_erased(app, client, held):
    event, _petition = held
    other = rsvp(event, email="olga@example.org")
    client.post("/en/my-data", data={"email": ADDRESS})
    client.post(link_for(ADDRESS) + "/erase", data={"item": f"rsvp-{other.id}"})
    db.session.expire_all()
    assert other.email == "olga@example.org"
    for bad in ("rsvp-99999999999999", "nonsense", ""):
        assert client.post(link_for(ADDRESS) + "/erase", data={"item": bad}).status_code == 302


def test_the_link_expires_after_an_hour_and_then_goes(app, client, held):
    from campaign.mailing import scheduling

    client.post("/en/my-data", data={"email": ADDRESS})
    link = link_for(ADDRESS)
    clock.advance(dt.timedelta(minutes=61))
    assert client.get(link).status_code == 410
    assert client.post(link + "/erase", data={"item": "all"}).status_code == 410
    scheduling.run_steps(every_step=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.kind == "my_data_link")) == 0


def test_bad_input_is_explained_and_every_form_and_mail_links_the_page(app, client, held):
    response = client.post("/en/my-data", data={"email": "not-an-address"})
    assert response.status_code == 200 and "Enter a valid e-mail address" in \
        response.get_data(as_text=True)
    for page in ("/en/events/brussels-protest", "/en/petitions/stop-torture"):
        assert 'href="/en/my-data"' in client.get(page).get_data(as_text=True)
    row = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.kind == "rsvp_confirmation")).first()
    assert "https://campaign.test/en/my-data" in render_row(row).text


def test_letters_are_listed_downloaded_and_erased(app, client, held):
    from campaign.letters import queries as letter_queries
    from campaign.letters.models import Letter, LetterDelivery
    from tests.letters.helpers import confirm_all, create_action, write

    event, _petition = held
    action = create_action(event.campaign)
    write(client, action, email=ADDRESS, name="Ala Nowak", body="Free Max Bokayev.")
    confirm_all(client)  # confirmed: one delivery per Polish MEP, still queued
    other = create_action(event.campaign, targets=[], slug="second-letter")
    write(client, other, email=ADDRESS, name="Ala Nowak", body="Pending words.")  # pending
    client.post("/en/my-data", data={"email": ADDRESS})
    link = link_for(ADDRESS)
    html = client.get(link).get_data(as_text=True)
    assert "Write to your MEPs" in html and html.count("Political prisoners first") == 2
    data = client.get(link + ".json").get_json(force=True)
    by_body = {letter["body"]: letter for letter in data["letters"]}
    assert by_body["Free Max Bokayev."]["state"] == "confirmed"
    assert {t["name"] for t in by_body["Free Max Bokayev."]["to"]} == {"Jan Kowalski",
                                                                       "Ewa Nowak"}
    assert by_body["Pending words."]["state"] == "pending"

    items = re.findall(r'name="item" value="(letter-\d+)"', html)
    for item in items:
        client.post(link + "/erase", data={"item": item})
    db.session.expire_all()
    [kept] = db.session.scalars(sa.select(Letter)).all()  # the pending one is gone
    assert (kept.name, kept.body) == ("", "") and kept.erased_at is not None
    assert letter_queries.letters_sent(action) == 1  # it still counts as written
    # Not yet sent to anyone: it never will be.
    assert db.session.scalars(sa.select(LetterDelivery)).all() == []
    assert "Free Max Bokayev." not in client.get(link).get_data(as_text=True)
    assert client.get(link + ".json").get_json(force=True)["letters"] == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.kind == "letter_confirmation",
        OutboxMessage.to_address == ADDRESS)) == 0


def test_one_address_gets_at_most_three_links_an_hour_and_the_throttle_cannot_be_seen(app, held):
    for _ in range(3):
        ask(app.test_client(), ADDRESS)
    throttled = ask(app.test_client(), ADDRESS)
    fresh = ask(app.test_client(), "someone@example.org")
    assert throttled == fresh  # answer, headers, page and the SQL run: all the same
    rows = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.kind == "my_data_link", OutboxMessage.to_address == ADDRESS)
        .order_by(OutboxMessage.id)).all()
    assert [row.status for row in rows] == ["queued"] * 3 + ["cancelled"]

    clock.advance(dt.timedelta(minutes=61))
    from campaign.mailing import scheduling

    scheduling.run_steps(every_step=True)  # expired links go; the hour has passed
    ask(app.test_client(), ADDRESS)
    assert db.session.scalars(sa.select(OutboxMessage.status).where(
        OutboxMessage.kind == "my_data_link", OutboxMessage.to_address == ADDRESS)
        .order_by(OutboxMessage.id.desc())).first() == "queued"
