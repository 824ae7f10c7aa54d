"""Fuzz every public form and the organiser forms (Hypothesis): random Unicode (Cyrillic, Polish,
right-to-left, NUL, lone surrogates), huge strings and numbers, missing fields, repeated fields.
No answer may be a server error, and whatever is stored comes back escaped.

``make test`` runs a few dozen fixed examples per form on each engine (derandomised, so the
run is repeatable); ``make drills`` runs many more, freshly random each time.
"""
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings, strategies as st
from markupsafe import escape

from campaign import create_app
from campaign.campaigns.models import KeyDate
from campaign.demo.loader import load_demo
from campaign.events import queries as event_queries
from campaign.events.models import Event
from campaign.extensions import db
from campaign.mailing.links import unsubscribe_url
from campaign.petitions.models import Petition
from tests.conftest import BASE_CONFIG, empty_tables
from tests.drills.fuzzing import (assert_escaped, encode, form_data, header_value, nasty,
                                  nasty_date, nasty_number, nasty_text, path_segment)
from tests.events.helpers import rsvp
from tests.factories import PASSWORD, create_organiser

FAST = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
PROFILES = pytest.mark.parametrize("profile", [
    pytest.param(FAST, id="fast"), pytest.param(LONG, id="long", marks=pytest.mark.drill)])
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def site(database_url):
    """The demo campaign on each engine, an organiser, one RSVP; tables emptied after."""
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        campaign, _, _ = load_demo()
        create_organiser("fuzz-organiser@example.org")
        event = db.session.scalar(sa.select(Event).where(Event.campaign_id == campaign.id))
        petition = db.session.scalar(sa.select(Petition).where(
            Petition.campaign_id == campaign.id))
        key_date = db.session.scalar(sa.select(KeyDate).where(KeyDate.campaign_id == campaign.id))
        answer = rsvp(event, email="fuzz@example.org")
        ids = SimpleNamespace(
            campaign=campaign.id, campaign_slug=campaign.slug, event=event.id,
            event_slug=event.slug, petition=petition.id, petition_slug=petition.slug,
            key_date=key_date.id, manage_token=event_queries.manage_token(answer),
            unsubscribe=unsubscribe_url("fuzz@example.org", "en").split("/unsubscribe/")[1])
        db.session.commit()
    organiser = app.test_client()
    response = organiser.post("/organiser/login", data={"email": "fuzz-organiser@example.org",
                                                         "password": PASSWORD})
    assert response.status_code == 302
    yield SimpleNamespace(app=app, ids=ids, visitor=app.test_client(), organiser=organiser)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    empty_tables(database_url)


def send(client, method, path, data=None, headers=None):
    """One request; never a server error, and no page shows stored markup raw."""
    body = encode(data) if data is not None else None
    response = client.open(path, method=method, data=body, headers=headers,
                           content_type=FORM if body is not None else None)
    assert response.status_code < 500, (method, path, data, response.status_code)
    if response.mimetype == "text/html":
        assert_escaped(response.get_data(as_text=True))
    return response


def send_and_show(client, path, data, *shown):
    """POST *data*; then the pages that show what it stored must answer and stay escaped."""
    response = send(client, "POST", path, data)
    if response.status_code in (302, 303):
        send(client, "GET", response.headers["Location"])
    for page in shown:
        send(client, "GET", page)
    return response


# Public forms -----------------------------------------------------------------------------

LANG = st.sampled_from(["en", "ru", "pl"])
RSVP_FIELDS = {"name": "Ала Nowak", "email": "ala@example.org", "guests": "1", "consent": "y",
               "updates": "y", "website": None}
SIGN_FIELDS = {"name": "Łucja Żak", "email": "lucja@example.org", "country": "PL",
               "comment": "Свободу!", "public": "y", "consent": "y", "updates": "y",
               "website": None}


@PROFILES
def test_rsvp_form(site, profile):
    @profile
    @given(lang=LANG, data=form_data(RSVP_FIELDS))
    def attempt(lang, data):
        page = f"/{lang}/events/{site.ids.event_slug}"
        send_and_show(site.visitor, page, data, page)
    attempt()


@PROFILES
def test_manage_rsvp_form(site, profile):
    @profile
    @given(data=form_data({"guests": "2"}))
    def attempt(data):
        page = f"/en/rsvp/{site.ids.manage_token}"
        send_and_show(site.visitor, page, data, page)
    attempt()


@PROFILES
def test_sign_form(site, profile):
    @profile
    @given(lang=LANG, data=form_data(SIGN_FIELDS))
    def attempt(lang, data):
        page = f"/{lang}/petitions/{site.ids.petition_slug}"
        send_and_show(site.visitor, page + "/sign", data, page)
    attempt()


@PROFILES
def test_unsubscribe(site, profile):
    @profile
    @given(token=st.one_of(st.just(site.ids.unsubscribe), nasty_text), method=st.sampled_from(
        ["GET", "POST"]), data=form_data({"List-Unsubscribe": "One-Click"}))
    def attempt(token, method, data):
        send(site.visitor, method, f"/en/unsubscribe/{path_segment(token)}",
             data if method == "POST" else None)
    attempt()


def query(names):
    return st.dictionaries(st.sampled_from(names), st.one_of(nasty, nasty_number, nasty_date)
                           .map(lambda value: [value]), max_size=4)


def with_query(path: str, params: dict) -> str:
    return path + "?" + encode(params).decode() if params else path


PUBLIC_PAGES = ["/", "/{lang}/", "/{lang}/campaigns/{campaign}", "/{lang}/events/{event}",
                "/{lang}/events/{event}.ics", "/{lang}/events/{event}/thanks",
                "/{lang}/petitions/{petition}", "/{lang}/petitions/{petition}/sign",
                "/{lang}/petitions/{petition}/check-email",
                "/{lang}/petitions/{petition}/verify/{anything}",
                "/{lang}/campaigns/{campaign}/calendar.ics", "/{lang}/key-dates/{number}.ics",
                "/language/{lang}", "/{lang}/rsvp/{anything}", "/healthz"]


@PROFILES
def test_public_pages_with_any_language_path_and_query(site, profile):
    @profile
    @given(page=st.sampled_from(PUBLIC_PAGES), lang=st.one_of(LANG, nasty_text),
           anything=nasty_text, number=st.one_of(nasty_number, st.just("1")),
           params=query(["lang", "next", "page", "q", "utm_source", "ref", "embed"]),
           headers=st.dictionaries(st.sampled_from(
               ["If-None-Match", "If-Modified-Since", "Accept-Language", "Referer"]),
               st.one_of(nasty_text, nasty_date, st.just('"x", W/"y", *')).map(header_value),
               max_size=2),
           slugs=st.one_of(st.none(), nasty_text))
    def attempt(page, lang, anything, number, params, headers, slugs):
        ids = site.ids
        path = page.format(lang=path_segment(lang), campaign=path_segment(slugs or ids.campaign_slug),
                           event=path_segment(slugs or ids.event_slug),
                           petition=path_segment(slugs or ids.petition_slug),
                           anything=path_segment(anything), number=path_segment(number))
        send(site.visitor, "GET", with_query(path, params), headers=headers)
    attempt()


# Organiser forms --------------------------------------------------------------------------

def texts(*fields, lang="en", valid="Тест – ż"):
    return {f"text_{lang}-{field}": valid for field in fields}


@PROFILES
def test_login_form(site, profile):
    client = site.app.test_client()

    @profile
    @given(data=form_data({"email": "organiser@example.org", "password": "wrong"}),
           next_page=st.one_of(st.none(), nasty_text))
    def attempt(data, next_page):
        path = with_query("/organiser/login", {"next": [next_page]} if next_page else {})
        send(client, "POST", path, data)
    attempt()


CAMPAIGN_FIELDS = {"default_language": "en", "languages": "en", "timezone": "Europe/Warsaw",
                   "contact_name": "Ольга", "contact_email": "olga@example.org",
                   "status": "active", **texts("title", "summary", "body"),
                   **texts("title", "body", lang="ru")}


@PROFILES
def test_campaign_form(site, profile):
    ids = site.ids

    @profile
    @given(data=form_data(CAMPAIGN_FIELDS))
    def attempt(data):
        # The address stays, so the public page can be checked after each save.
        data["slug"] = [ids.campaign_slug]
        data.setdefault("languages", ["en", "ru", "pl"])
        send_and_show(site.organiser, f"/organiser/campaigns/{ids.campaign}", data,
                      f"/en/campaigns/{ids.campaign_slug}", f"/ru/campaigns/{ids.campaign_slug}")
    attempt()


KEY_DATE_FIELDS = {"kind": "plenary_vote", "date": "2027-01-14", "time": "12:30", "yearly": "y",
                   "link": "https://www.europarl.europa.eu/", **texts("title", "description")}


@PROFILES
def test_key_date_forms(site, profile):
    ids = site.ids

    @profile
    @given(new=st.booleans(), data=form_data(KEY_DATE_FIELDS))
    def attempt(new, data):
        path = (f"/organiser/campaigns/{ids.campaign}/key-dates/new" if new
                else f"/organiser/campaigns/key-dates/{ids.key_date}")
        send_and_show(site.organiser, path, data, f"/en/campaigns/{ids.campaign_slug}",
                      f"/en/campaigns/{ids.campaign_slug}/calendar.ics",
                      f"/organiser/campaigns/key-dates/{ids.key_date}")
    attempt()


EVENT_FIELDS = {"timezone": "Europe/Brussels", "starts_at": "2027-03-01T12:00",
                "ends_at": "2027-03-01T13:00", "rsvp_deadline": "2027-03-01T10:00",
                "address_lines": "Rue de la Loi 1", "postcode": "1000", "city": "Bruxelles",
                "country": "BE", "latitude": "50.84", "longitude": "4.38", "capacity": "100",
                "max_guests": "2", "contact_name": "Anna", "contact_email": "anna@example.org",
                "reminder_offsets": "P1D,PT2H",
                **texts("title", "description", "venue_name", "place_notes")}


@PROFILES
def test_event_forms(site, profile):
    ids = site.ids

    @profile
    @given(new=st.booleans(), slug=st.from_regex(r"\A[a-z0-9]{1,12}\Z"),
           data=form_data(EVENT_FIELDS))
    def attempt(new, slug, data):
        if new:
            data["slug"] = [f"fz-{slug}"]
            path = f"/organiser/events/campaign/{ids.campaign}/new"
        else:
            data["slug"] = [ids.event_slug]
            path = f"/organiser/events/{ids.event}"
        send_and_show(site.organiser, path, data, f"/en/events/{ids.event_slug}",
                      f"/en/events/{ids.event_slug}.ics", f"/en/campaigns/{ids.campaign_slug}")
    attempt()


PETITION_FIELDS = {"goal": "5000", "status": "open", "opens_on": "2026-01-01",
                   "closes_on": "2030-12-31", **texts("title", "target", "text", "why")}


@PROFILES
def test_petition_forms(site, profile):
    ids = site.ids

    @profile
    @given(new=st.booleans(), slug=st.from_regex(r"\A[a-z0-9]{1,12}\Z"),
           data=form_data(PETITION_FIELDS))
    def attempt(new, slug, data):
        if new:
            data["slug"] = [f"fz-{slug}"]
            path = f"/organiser/petitions/campaign/{ids.campaign}/new"
        else:
            data["slug"] = [ids.petition_slug]
            path = f"/organiser/petitions/{ids.petition}"
        send_and_show(site.organiser, path, data, f"/en/petitions/{ids.petition_slug}")
    attempt()


@PROFILES
def test_attendee_form(site, profile):
    ids = site.ids

    @profile
    @given(data=form_data({"name": "Вера", "email": "vera@example.org", "guests": "1",
                           "send_email": "y"}))
    def attempt(data):
        send_and_show(site.organiser, f"/organiser/events/{ids.event}/attendees", data,
                      f"/organiser/events/{ids.event}/attendees")
    attempt()


ORGANISER_PAGES = [
    "/organiser/", "/organiser/mail/", "/organiser/mail/{number}",
    "/organiser/campaigns/{number}", "/organiser/events/{number}",
    "/organiser/events/campaign/{number}", "/organiser/events/{event}/attendees",
    "/organiser/events/{event}/attendees.csv", "/organiser/petitions/{number}",
    "/organiser/petitions/{petition}/signatures", "/organiser/petitions/{petition}/stats",
    "/organiser/petitions/{petition}/sources", "/organiser/petitions/{petition}/invalidate",
    "/organiser/petitions/{petition}/export.csv", "/organiser/petitions/{petition}/delivery",
    "/organiser/petitions/campaign/{number}", "/organiser/campaigns/key-dates/{number}"]


@PROFILES
def test_organiser_pages_with_any_id_and_filter(site, profile):
    ids = site.ids

    @profile
    @given(page=st.sampled_from(ORGANISER_PAGES),
           number=st.one_of(st.integers(min_value=0).map(str), nasty_number),
           params=query(["page", "q", "status", "state", "kind", "campaign", "country", "since",
                         "until", "ip_hash", "domain", "hours", "lang"]))
    def attempt(page, number, params):
        path = page.format(number=path_segment(number), event=ids.event, petition=ids.petition)
        send(site.organiser, "GET", with_query(path, params))
    attempt()


@PROFILES
def test_organiser_invalidation_and_test_message_forms(site, profile):
    ids = site.ids

    @profile
    @given(invalidate=st.booleans(),
           data=form_data({"ip_hash": "abc", "domain": "example.org", "since": "2026-01-01",
                           "until": "2026-12-31", "to": "olga@example.org", "lang": "ru"}))
    def attempt(invalidate, data):
        path = (f"/organiser/petitions/{ids.petition}/invalidate" if invalidate
                else f"/organiser/mail/campaign/{ids.campaign}/test")
        send(site.organiser, "POST", path, data)
    attempt()


def test_the_fuzz_session_is_still_logged_in(site):
    """The organiser examples above ran as a logged-in organiser (not against the login page)."""
    response = site.organiser.get("/organiser/")
    assert response.status_code == 200


def test_stored_markup_comes_back_as_text(site):
    """The other half of "escaped": hostile text is stored as typed and shown as text."""
    ids, title = site.ids, '<script>alert("fz")</script> Жаңаөзен ‮'
    data = {name: [value] for name, value in CAMPAIGN_FIELDS.items()}
    data.update({"slug": [ids.campaign_slug], "languages": ["en", "ru", "pl"],
                 "text_en-title": [title]})
    assert send(site.organiser, "POST", f"/organiser/campaigns/{ids.campaign}",
                data).status_code == 302
    page = send(site.visitor, "GET", f"/en/campaigns/{ids.campaign_slug}")
    assert str(escape(title)) in page.get_data(as_text=True)
    name = "<img src=x onerror=alert(1)> Łucja"
    send(site.organiser, "POST", f"/organiser/events/{ids.event}/attendees",
         {"name": [name], "email": ["lucja@example.org"], "guests": ["0"]})
    attendees = send(site.organiser, "GET", f"/organiser/events/{ids.event}/attendees?q=ucja")
    assert str(escape(name)) in attendees.get_data(as_text=True)
