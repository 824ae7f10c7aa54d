"""The public forms' CSRF protection without a session (campaign/core/form_tokens.py), for each
of the three: signing a petition, registering for an event, writing a letter.

A post must carry the page's signed form token and come, by the browser's own word
(Sec-Fetch-Site, Origin or Referer), from our site; a browser that says nothing gets the form
back with what was typed and a session token that lets the next send pass."""
import datetime as dt
import re
from dataclasses import dataclass

import pytest

from campaign import clock
from campaign.core import form_tokens
from campaign.extensions import db
from campaign.embeds import form_tokens as embed_tokens
from campaign.events.models import RsvpRequest
from campaign.letters.models import Letter
from campaign.petitions.models import Signature
from tests.events.helpers import create_event
from tests.events.helpers import form as rsvp_data
from tests.factories import create_campaign
from tests.letters.helpers import create_action, letter_data
from tests.petitions.helpers import create_petition, sign_data

OURS = "https://campaign.test"
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
SESSION_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class PublicForm:
    kind: str
    page: str
    post: str
    data: dict
    model: type
    typed: str  # something typed that the form shown again must keep


FORMS = {
    "petition": PublicForm("petition", "/en/petitions/stop-torture",
                           "/en/petitions/stop-torture/sign",
                           sign_data(name="Ольга Кравец", email="olga@example.org"), Signature,
                           'value="Ольга Кравец"'),
    "event": PublicForm("event", "/en/events/brussels-protest", "/en/events/brussels-protest",
                        rsvp_data(name="Zofia Łęcka", email="zofia@example.org"), RsvpRequest,
                        'value="Zofia Łęcka"'),
    "letter": PublicForm("letter", "/en/letters/write-meps?country=PL",
                         "/en/letters/write-meps/write",
                         letter_data(name="Anna Żak", email="anna@example.org"), Letter,
                         'value="Anna Żak"'),
}


@pytest.fixture(params=list(FORMS))
def public(request, make_app, frozen_now):
    """(app, the form) with CSRF checks on and the item the form is for."""
    app = make_app(WTF_CSRF_ENABLED=True, BASE_URL=OURS)
    chosen = FORMS[request.param]
    with app.app_context():
        campaign = create_campaign()
        if chosen.kind == "petition":
            item = create_petition(campaign)
        elif chosen.kind == "event":
            item = create_event(campaign, starts_at=frozen_now + dt.timedelta(days=7))
        else:
            item = create_action(campaign)
        chosen.item_id = item.id
    return app, chosen


def stored(app, form) -> int:
    with app.app_context():
        count = db.session.query(form.model).count()
        db.session.remove()
        return count


def page_token(client, form) -> str:
    return FORM_TOKEN.search(client.get(form.page).get_data(as_text=True)).group(1)


def test_the_page_is_the_same_for_every_visitor_and_sets_no_session(public):
    app, form = public
    first, second = app.test_client(), app.test_client()
    one, other = first.get(form.page), second.get(form.page)
    assert one.status_code == 200
    assert one.get_data() == other.get_data(), "nothing in the page is per visitor"
    assert not [c for c in one.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert 'name="csrf_token"' not in one.get_data(as_text=True)


@pytest.mark.parametrize("proof", [{"Origin": OURS}, {"Sec-Fetch-Site": "same-origin"},
                                   {"Referer": OURS + "/en/some/page"}],
                         ids=["origin", "fetch-metadata", "referer"])
def test_a_post_from_our_page_with_its_token_acts(public, proof):
    app, form = public
    client = app.test_client(use_cookies=False)
    response = client.post(form.post, data={**form.data, "form_token": page_token(client, form)},
                           headers=proof)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert stored(app, form) == 1


@pytest.mark.parametrize("forged", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page"},
    {"Sec-Fetch-Site": "cross-site", "Origin": OURS},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "http://[bad"},
    {"Origin": "https://campaign.test.evil.example"},
], ids=["other-origin", "null-origin", "other-referer", "cross-site", "same-site", "malformed",
        "lookalike"])
def test_a_post_another_site_made_is_refused_and_not_shown_back(public, forged):
    """Refused outright (403): its fields are not shown back filled in, with fresh tokens,
    one click from being sent by the person the other site sent here."""
    app, form = public
    client = app.test_client()
    with_session = {**form.data, "form_token": page_token(client, form),
                    "csrf_token": SESSION_TOKEN.search(
                        client.post(form.post, data=form.data).get_data(as_text=True)).group(1)}
    for data in (with_session, {**form.data, "form_token": with_session["form_token"]}):
        response = client.post(form.post, data=data, headers=forged)
        html = response.get_data(as_text=True)
        assert response.status_code == 403
        assert form.typed not in html and 'name="form_token"' not in html
    assert stored(app, form) == 0


def test_a_reload_proves_nothing_the_form_is_shown_again(public):
    """``Sec-Fetch-Site: none`` (a reload, a typed address) says nothing of the page that
    posted: not accepted on the form token, shown again as typed."""
    app, form = public
    client = app.test_client()
    response = client.post(form.post, data={**form.data, "form_token": page_token(client, form)},
                           headers={"Sec-Fetch-Site": "none", "Origin": OURS})
    assert response.status_code == 400 and form.typed in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert stored(app, form) == 0


def test_a_post_without_the_token_or_with_another_forms_is_refused(public):
    app, form = public
    client = app.test_client()
    assert client.post(form.post, data=form.data, headers={"Origin": OURS}).status_code == 400
    with app.test_request_context():
        foreign = [embed_tokens.issue(form.kind, form.item_id),  # an embed's: another purpose
                   form_tokens.issue(form.kind, form.item_id + 1)]  # another item's
    for token in foreign:
        response = client.post(form.post, data={**form.data, "form_token": token},
                               headers={"Origin": OURS})
        assert response.status_code == 400
    assert stored(app, form) == 0


def test_a_token_older_than_the_session_tokens_lifetime_is_refused(public):
    app, form = public
    client = app.test_client()
    token = page_token(client, form)
    clock.advance(dt.timedelta(seconds=app.config["WTF_CSRF_TIME_LIMIT"] + 1))
    response = client.post(form.post, data={**form.data, "form_token": token},
                           headers={"Origin": OURS})
    assert response.status_code == 400 and form.typed in response.get_data(as_text=True)
    fresh = FORM_TOKEN.search(response.get_data(as_text=True)).group(1)
    again = client.post(form.post, data={**form.data, "form_token": fresh},
                        headers={"Origin": OURS})
    assert again.status_code == 302 and stored(app, form) == 1


@pytest.mark.parametrize("base_url", ["http://localhost", "https://campaign.test"],
                         ids=["http", "https"])
def test_a_browser_that_names_no_origin_sends_again_with_a_session_token(public, base_url):
    """Also over HTTPS, where Flask-WTF's own check would want a Referer such a browser does
    not send."""
    app, form = public
    client = app.test_client()
    first = client.post(form.post, data={**form.data, "form_token": page_token(client, form)},
                        base_url=base_url)
    html = first.get_data(as_text=True)
    assert first.status_code == 400 and form.typed in html
    assert stored(app, form) == 0
    session_token = SESSION_TOKEN.search(html).group(1)
    again = client.post(form.post, data={**form.data, "form_token": page_token(client, form),
                                         "csrf_token": session_token}, base_url=base_url)
    assert again.status_code == 302 and stored(app, form) == 1


def test_the_send_it_yourself_button_posts_the_letter_form_with_its_token(make_app, frozen_now):
    app = make_app(WTF_CSRF_ENABLED=True, BASE_URL=OURS)
    with app.app_context():
        create_action()
    client = app.test_client()
    page = FORMS["letter"].page
    data = {**letter_data(), "form_token": page_token(client, FORMS["letter"])}
    response = client.post("/en/letters/write-meps/mailto", data=data, headers={"Origin": OURS})
    assert response.status_code == 303 and response.headers["Location"].startswith("mailto:")
    refused = client.post("/en/letters/write-meps/mailto", data=data,
                          headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403, page


def test_a_session_token_of_another_visitor_does_not_pass(public):
    app, form = public
    other = app.test_client()
    html = other.post(form.post, data=form.data).get_data(as_text=True)
    stolen = SESSION_TOKEN.search(html).group(1)
    response = app.test_client().post(form.post, data={**form.data, "csrf_token": stolen})
    assert response.status_code == 400 and stored(app, form) == 0
