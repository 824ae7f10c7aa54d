"""What the e-mails say, rendered the way the worker will (render_row)."""
import datetime as dt

import pytest

from campaign import clock
from campaign.events import operations, rsvps
from campaign.extensions import db
from campaign.mailing.models import MessageStatus
from campaign.mailing.render import render_row
from tests.events.helpers import create_event, manage_link, outbox, rsvp

DATE = {"en": "8 December 2017", "ru": "8 декабря 2017", "pl": "8 grudnia 2017"}


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_the_confirmation_carries_date_time_place_contact_and_the_manage_link(event, lang):
    rsvp(event, guests=1, lang=lang)
    [row] = outbox("rsvp_confirmation")
    mail = render_row(row)
    assert row.to_address == "ala@example.org"
    assert "Protest in Brussels" in mail.subject
    for body in (mail.text, mail.html):
        assert DATE[lang] in body
        assert "12:00–13:00 CET" in body
        assert "Place Jean Rey" in body and "1000" in body
        assert "In front of Parc Léopold" in body
        assert "Anna Kowalska" in body and "anna@example.org" in body
        assert f"https://campaign.test/{lang}/rsvp/" in body
        assert f"https://campaign.test/{lang}/events/brussels-protest" in body
    assert manage_link(mail.text).startswith(f"/{lang}/rsvp/")


def test_the_confirmation_says_whether_there_is_a_place(event):
    rsvp(event, guests=2)
    assert "You have 3 places at Protest in Brussels" in render_row(outbox()[0]).text


def test_the_confirmation_gives_the_waiting_list_position(campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, "a@example.org")
    rsvp(event, "b@example.org")
    text = render_row(outbox(to="b@example.org")[0]).text
    assert "you are on the waiting list for Protest in Brussels, at position 1" in text


def test_a_second_answer_is_told_it_updated_the_first(event):
    rsvp(event)
    clock.advance(rsvps.RESEND_INTERVAL)
    rsvp(event, guests=2)
    first, second = [render_row(row).text for row in outbox("rsvp_confirmation")]
    assert "You had already registered" not in first
    assert "You had already registered for this event; we have updated" in second


def test_sending_the_form_again_and_again_does_not_flood_the_inbox(event):
    for guests in range(5):
        rsvp(event, guests=guests)
    assert len(outbox("rsvp_confirmation")) == 1
    clock.advance(rsvps.RESEND_INTERVAL)
    rsvp(event, guests=1)
    assert len(outbox("rsvp_confirmation")) == 2


def test_refused_guests_are_explained(campaign):
    event = create_event(campaign, capacity=3)
    rsvp(event, "a@example.org", guests=1)
    rsvp(event, "b@example.org")
    clock.advance(rsvps.RESEND_INTERVAL)
    rsvp(event, "a@example.org", guests=3)
    text = render_row(outbox(to="a@example.org")[-1]).text
    assert "You asked to bring 3 guests, but there were not enough free places" in text


def test_the_confirmation_offers_the_ics_for_attaching(event):
    from flask_babel import force_locale

    from campaign.mailing import kinds

    rsvp(event)
    row = outbox()[0]
    with force_locale(row.lang):  # as render_row calls it
        context = kinds.get(row.kind).load(row.payload)
    [(filename, content_type, data)] = context["attachments"]
    assert filename == "brussels-protest.ics" and content_type.startswith("text/calendar")
    assert b"BEGIN:VEVENT" in data


def test_html_in_the_name_is_escaped_in_the_html_mail(event):
    rsvp(event, name='<b onclick="x()">Ala</b>')
    mail = render_row(outbox()[0])
    assert '<b onclick' not in mail.html
    assert "&lt;b onclick=" in mail.html
    assert 'Hello <b onclick="x()">Ala</b>,' in mail.text  # plain text shows the name as typed


def test_a_confirmation_no_longer_applies_once_cancelled(event):
    person = rsvp(event)
    rsvps.cancel_rsvp(person)
    db.session.commit()
    assert render_row(outbox("rsvp_confirmation")[0]) is None
    assert "is cancelled" in render_row(outbox("rsvp_cancelled")[0]).text


def test_a_change_of_time_tells_old_and_new(campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, "a@example.org", lang="pl")
    rsvp(event, "b@example.org")
    operations.update_event(event, texts={},
                                  starts_at=event.starts_at + dt.timedelta(hours=2),
                                  ends_at=event.ends_at + dt.timedelta(hours=2))
    db.session.commit()
    changed = outbox("event_changed")
    assert [m.to_address for m in changed] == ["a@example.org", "b@example.org"]
    polish = render_row(changed[0])
    assert "12:00–13:00 CET" in polish.text and "14:00–15:00 CET" in polish.text
    assert polish.text.index("12:00–13:00") < polish.text.index("14:00–15:00")
    waiting = render_row(changed[1]).text
    assert "You are still on the waiting list, at position 1." in waiting


def test_a_change_of_place_tells_old_and_new(event):
    rsvp(event)
    operations.update_event(event, texts={"en": {"venue_name": "Schuman roundabout"}},
                                  address_lines="Rond-point Schuman")
    db.session.commit()
    mail = render_row(outbox("event_changed")[0])
    assert "Jean Rey Square, Place Jean Rey" in mail.text
    assert "Schuman roundabout, Rond-point Schuman" in mail.text
    assert "<del>Jean Rey Square" in mail.html


def test_postponing_and_cancelling_are_told(event):
    rsvp(event)
    operations.postpone_event(event)
    db.session.commit()
    assert "is postponed" in render_row(outbox("event_postponed")[0]).text
    operations.cancel_event(event)
    db.session.commit()
    mail = render_row(outbox("event_cancelled")[0])
    assert mail.subject == "Cancelled: Protest in Brussels"
    assert "is cancelled" in mail.text
    # The postponement is stale by now: the worker would drop it.
    assert render_row(outbox("event_postponed")[0]) is None


def test_two_quick_edits_send_one_correct_change_mail(event):
    rsvp(event)
    start = event.starts_at
    operations.update_event(event, texts={}, starts_at=start + dt.timedelta(hours=1),
                                  ends_at=start + dt.timedelta(hours=2))
    db.session.commit()
    operations.update_event(event, texts={}, starts_at=start + dt.timedelta(hours=2),
                                  ends_at=start + dt.timedelta(hours=3))
    db.session.commit()
    first, second = outbox("event_changed")
    assert render_row(first) is None  # stale: the worker cancels it
    text = render_row(second).text
    assert "12:00–13:00" in text and "14:00–15:00" in text and "13:00–14:00" not in text
    assert second.status == MessageStatus.QUEUED


def test_moving_an_event_back_before_anyone_was_told_tells_nobody(event):
    rsvp(event)
    start, end = event.starts_at, event.ends_at
    operations.update_event(event, texts={}, starts_at=start + dt.timedelta(hours=1),
                                  ends_at=end + dt.timedelta(hours=1))
    db.session.commit()
    operations.update_event(event, texts={}, starts_at=start, ends_at=end)
    db.session.commit()
    assert [render_row(row) for row in outbox("event_changed")] == [None]
