"""The public event page and its RSVP form: what visitors see and what bad input does."""
import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from campaign import clock
from campaign.events import operations, queries
from campaign.events.forms import CONSENT_VERSION
from campaign.events.models import RsvpRequest, RsvpStatus
from campaign.extensions import db
from tests.events.helpers import (BEFORE, confirm_link, create_event, form, last_request_mail,
                                  manage_link, outbox, register, rsvp, rsvps)

URL = "/en/events/brussels-protest"


def post(client, url=URL, **values):
    return client.post(url, data=form(**values))


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_the_event_page_shows_what_when_where_and_the_form_in_each_language(client, event,
                                                                              lang):
    html = client.get(f"/{lang}/events/brussels-protest").get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert "<h1>Protest in Brussels</h1>" in html  # English text is the fallback
    assert "8 December 2017" in html or "8 декабря 2017" in html or "8 grudnia 2017" in html
    assert "12:00–13:00 CET" in html
    assert "Place Jean Rey" in html and "1000 Brussels" in html
    assert "https://www.openstreetmap.org/?mlat=50.84060&amp;mlon=4.38000#map=17/50.84060/4.38000" in html
    assert "mailto:anna@example.org" in html
    for name in ('name="name"', 'name="email"', 'name="guests"', 'name="consent"',
                 'name="updates"', 'name="website"'):
        assert name in html
    assert f'<form method="post" action="/{lang}/events/brussels-protest#rsvp"' in html


def test_the_page_is_in_the_visitors_language_when_the_event_has_that_text(client, campaign):
    create_event(campaign, texts={"en": {"title": "Protest in Brussels"},
                                  "ru": {"title": "Протест в Брюсселе",
                                         "venue_name": "Площадь Жана Рея"}})
    html = client.get("/ru/events/brussels-protest").get_data(as_text=True)
    assert "<h1>Протест в Брюсселе</h1>" in html
    assert "Площадь Жана Рея" in html and "Бельгия" in html
    assert "8 декабря 2017" in html


def test_the_page_links_to_calendars(client, event):
    html = client.get(URL).get_data(as_text=True)
    assert '<a href="/en/events/brussels-protest.ics" type="text/calendar"' in html
    google = calendar_link(html, "https://calendar.google.com/calendar/render?")
    assert google["action"] == ["TEMPLATE"] and google["text"] == ["Protest in Brussels"]
    assert google["dates"] == ["20171208T110000Z/20171208T120000Z"]
    assert google["details"][0].endswith("https://campaign.test/en/events/brussels-protest")
    outlook = calendar_link(html, "https://outlook.live.com/calendar/0/deeplink/compose?")
    assert outlook["path"] == ["/calendar/action/compose"]
    assert outlook["startdt"] == ["2017-12-08T11:00:00Z"]
    assert outlook["enddt"] == ["2017-12-08T12:00:00Z"]
    assert "Place Jean Rey" in outlook["location"][0]


def calendar_link(html: str, prefix: str) -> dict:
    """The query of the first link on the page starting with *prefix*, decoded."""
    start = html.index(prefix)
    href = unescape(html[start:html.index('"', start)])
    return parse_qs(urlsplit(href).query)


def test_the_page_loads_nothing_from_other_hosts(client, event):
    html = client.get(URL).get_data(as_text=True)
    for attribute in ('src="http', "src='http", 'href="//', "<iframe", "@import"):
        assert attribute not in html


def test_seats_left_then_waiting_list(client, campaign):
    event = create_event(campaign, capacity=2)
    assert "2 places left" in client.get(URL).get_data(as_text=True)
    rsvp(event, guests=1)
    html = client.get(URL).get_data(as_text=True)
    assert "Full: waiting list" in html
    assert "Register to join the waiting list" in html


def test_a_valid_rsvp_counts_once_its_link_is_followed_and_its_button_pressed(client, event):
    response = post(client, email=" Ala.Nowak@Example.ORG ", guests="2", updates="y")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/events/brussels-protest/thanks")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Follow the link in it to confirm your registration" in thanks
    assert rsvps(event) == [] and [m.kind for m in outbox()] == ["rsvp_request"]
    assert "150 places left" in client.get(URL).get_data(as_text=True)
    link = confirm_link(last_request_mail("ala.nowak@example.org").text)
    page = client.get(link)  # following the link (a mail scanner does) changes nothing
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Confirm my registration" in page.get_data(as_text=True) and rsvps(event) == []
    confirmed = client.post(link)
    assert confirmed.status_code == 302 and "/en/rsvp/" in confirmed.headers["Location"]
    [saved] = rsvps(event)
    assert (saved.name, saved.email, saved.guests, saved.lang) == (
        "Ala Nowak", "ala.nowak@example.org", 2, "en")
    assert saved.wants_updates is True
    assert saved.consent_version == CONSENT_VERSION
    assert [m.kind for m in outbox()] == ["rsvp_request", "rsvp_confirmation"]
    assert "147 places left" in client.get(URL).get_data(as_text=True)
    # The used link again: harmless, it shows where the registration is.
    again = client.get(link).get_data(as_text=True)
    assert "Your registration is confirmed" in again
    client.post(link)
    assert len(rsvps(event)) == 1 and len(outbox("rsvp_confirmation")) == 1


def test_updates_stay_unticked_unless_asked(client, event):
    register(client)
    assert rsvps(event)[0].wants_updates is False


def test_the_rsvp_language_is_the_pages(client, event):
    register(client, url="/pl/events/brussels-protest")
    assert rsvps(event)[0].lang == "pl"
    assert {m.lang for m in outbox()} == {"pl"}


def test_the_same_email_again_changes_nothing_and_mails_the_manage_link(client, campaign):
    event = create_event(campaign, capacity=2)
    register(client, guests="1")
    clock.advance(dt.timedelta(minutes=11))  # the same address is mailed at most every 10
    post(client, guests="0", name="Ala N.")
    [saved] = rsvps(event)
    assert (saved.name, saved.guests) == ("Ala Nowak", 1)
    mail = last_request_mail()
    assert "You are already registered, so nothing has changed." in mail.text
    assert manage_link(mail.text).startswith("/en/rsvp/")
    assert "/confirm/" not in mail.text


def test_a_confirmation_after_the_event_filled_up_joins_the_waiting_list(client, campaign):
    event = create_event(campaign, capacity=2)
    post(client, email="late@example.org")
    link = confirm_link(last_request_mail("late@example.org").text)
    rsvp(event, email="early@example.org", guests=1)  # takes the last seats meanwhile
    client.post(link)
    late = [r for r in rsvps(event) if r.email == "late@example.org"][0]
    assert late.status == RsvpStatus.WAITLISTED
    assert queries.seats_taken(event) == 2


def test_the_confirmation_link_expires_and_goes_with_its_mail(client, event):
    from campaign.mailing import scheduling

    post(client)
    link = confirm_link(last_request_mail().text)
    clock.advance(dt.timedelta(hours=49))
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410 and rsvps(event) == []
    scheduling.run_steps(every_step=True)
    assert outbox() == []
    assert db.session.scalars(db.select(RsvpRequest)).all() == []


def test_the_honeypot_gets_the_same_answer_and_nothing_is_stored(client, event):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/thanks")
    assert rsvps(event) == [] and outbox() == []


LONG = "x" * 121
BAD_INPUT = [
    ("name", "", "Enter your name."),
    ("name", "   ", "Enter your name."),
    ("name", LONG, "Your name is too long: at most 120 characters (you typed 121)."),
    ("name", "Ala\x00", "Please use only letters"),
    ("name", "Buy at https://spam.example", "Please do not put web addresses here."),
    ("email", "", "Enter your e-mail address."),
    ("email", "not-an-address", "Enter a valid e-mail address"),
    ("email", "ala@", "Enter a valid e-mail address"),
    ("email", "a" * 250 + "@example.org", "E-mail is too long: at most 254 characters (you typed 262)."),
    ("email", "ala@example.org\x00", "Enter a valid e-mail address"),
    ("guests", "-1", "The number of guests cannot be negative."),
    ("guests", "4", "You can bring at most 3 guests."),
    ("guests", "99999999999999999999999", "You can bring at most 3 guests."),
    ("guests", "two", "Enter a whole number"),
    ("guests", "1.5", "Enter a whole number"),
    ("consent", None, "We need your agreement to register you."),
]


@pytest.mark.parametrize("field, value, message", BAD_INPUT)
def test_bad_input_is_refused_with_a_message_next_to_the_field(client, event, field, value,
                                                               message):
    response = post(client, **{field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    assert 'aria-invalid="true"' in html
    assert "Please correct the fields marked below." in html
    assert rsvps(event) == [] and outbox() == []


def test_guests_are_refused_when_the_event_takes_none(client, campaign):
    create_event(campaign, max_guests=0)
    html = client.get(URL).get_data(as_text=True)
    assert 'name="guests"' not in html
    assert "This event takes no guests" in post(client, guests="1").get_data(as_text=True)
    assert post(client, guests=None).status_code == 302  # left out: none


def test_a_name_with_html_is_stored_as_text_and_escaped(client, event):
    register(client, name='<script>alert("x")</script>')
    assert rsvps(event)[0].name == '<script>alert("x")</script>'


def closed_by(event, reason):
    if reason == "deadline":
        operations.update_event(event, texts={},
                                      rsvp_deadline=BEFORE - dt.timedelta(minutes=1))
    elif reason == "cancelled":
        operations.cancel_event(event)
    elif reason == "started":
        clock.set_now(event.starts_at + dt.timedelta(minutes=5))
    elif reason == "over":
        clock.set_now(event.ends_at + dt.timedelta(days=1))
    db.session.commit()


@pytest.mark.parametrize("reason, notice", [
    ("deadline", None), ("cancelled", "This event is cancelled."),
    ("started", "This event is happening now."), ("over", "This event is over.")])
def test_rsvp_closes_at_the_deadline_when_cancelled_and_once_started(client, event, reason,
                                                                     notice):
    closed_by(event, reason)
    html = client.get(URL).get_data(as_text=True)
    assert "Registration for this event is closed." in html
    assert 'name="email"' not in html
    if notice:
        assert notice in html
    response = post(client)
    assert response.status_code == 302
    assert rsvps(event) == []
    assert "Registration for this event is closed." in client.get(URL).get_data(as_text=True)


def test_unpublished_events_and_draft_campaigns_are_not_found(client, campaign):
    create_event(campaign, published=False)
    assert client.get(URL).status_code == 404
    assert client.post(URL, data=form()).status_code == 404
    assert client.get(URL + ".ics").status_code == 404


def test_unknown_events_are_not_found(client, event):
    assert client.get("/en/events/no-such-event").status_code == 404
    assert client.get("/de/events/brussels-protest").status_code == 404


def test_the_campaign_page_lists_coming_events_only(client, campaign):
    create_event(campaign)
    create_event(campaign, slug="last-year", starts_at=BEFORE - dt.timedelta(days=365),
                 texts={"en": {"title": "Last year's vigil"}})
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert '<a href="/en/events/brussels-protest">Protest in Brussels</a>' in html
    assert "Last year" not in html


def test_the_campaign_page_leads_with_the_next_event_and_its_rsvp_button(client, campaign):
    create_event(campaign)
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    lead = html[:html.index('class="lead"')]
    assert "Next event" in lead and "Protest in Brussels" in lead
    assert 'href="/en/events/brussels-protest#rsvp">I will come</a>' in lead


def test_the_campaign_page_has_no_events_section_without_events(client, campaign):
    assert 'id="events-title"' not in client.get("/en/campaigns/free-them").get_data(as_text=True)


def test_the_form_needs_its_form_token(make_app, week_before):
    """The whole check is in tests/core/test_form_tokens.py; here, that the page gives one."""
    from tests.factories import create_campaign

    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        event = create_event(create_campaign())
        client = app.test_client()
        ours = {"Origin": "https://campaign.test"}
        refused = client.post(URL, data=form(), headers=ours)
        assert refused.status_code == 400 and 'value="Ala Nowak"' in refused.get_data(as_text=True)
        assert rsvps(event) == []
        token = re.search(r'name="form_token" value="([^"]+)"',
                          client.get(URL).get_data(as_text=True)).group(1)
        assert client.post(URL, data=form(form_token=token), headers=ours).status_code == 302
        db.session.remove()


def test_rsvps_are_rate_limited_per_address(make_app, week_before):
    from tests.factories import create_campaign

    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_PUBLIC_WRITE="3 per minute")
    with app.app_context():
        create_event(create_campaign())
        client = app.test_client()
        codes = [client.post(URL, data=form(email=f"p{n}@example.org")).status_code
                 for n in range(4)]
        assert codes == [302, 302, 302, 429]
        assert client.get(URL).status_code == 200  # reading is not limited
        db.session.remove()


def test_the_petition_thank_you_page_invites_to_the_next_event(app, event):
    from campaign.campaigns import signals

    with app.test_request_context("/en/petitions/x"):
        found = signals.first_answer(signals.next_event, event.campaign)
    assert found.title == "Protest in Brussels"
    assert found.url == "https://campaign.test/en/events/brussels-protest"
    assert "12:00–13:00 CET" in found.when


@pytest.mark.parametrize("typed", ["Ala\nBcc: eve@example.org", "Ala\r\nNowak", " Ala\tNowak "])
def test_line_breaks_in_a_name_become_one_space(client, event, typed):
    register(client, name=typed)
    assert rsvps(event)[0].name == " ".join(typed.split())


def test_an_organiser_adds_a_name_on_one_line_too(app, event):
    from campaign.events.forms import AttendeeForm

    with app.test_request_context(method="POST", data={
            "name": "Ala\r\nX-Header: y", "email": "ala@example.org", "guests": "0"}):
        form = AttendeeForm(max_guests=3)
        assert form.validate() and form.name.data == "Ala X-Header: y"


def test_an_unpublished_event_is_previewed_only_by_those_who_edit_its_campaign(client, campaign):
    """Signed in is not enough: a door volunteer, or an organiser of another campaign, gets
    404 like a stranger; the campaign's organisers see the preview."""
    from campaign.organisers.roles import Role
    from tests.factories import create_campaign, create_organiser, log_in

    create_event(campaign, published=False)
    other = create_campaign(slug="other-campaign")
    create_organiser("door@example.org", roles={campaign: Role.DOOR})
    create_organiser("elsewhere@example.org", roles={other: Role.ORGANISER})
    create_organiser("editor@example.org", roles={campaign: Role.ORGANISER})
    answers = {}
    for email in ("door@example.org", "elsewhere@example.org", "editor@example.org"):
        visitor = client.application.test_client()
        log_in(visitor, email)
        answers[email] = visitor.get(URL).status_code
    assert answers == {"door@example.org": 404, "elsewhere@example.org": 404,
                       "editor@example.org": 200}
