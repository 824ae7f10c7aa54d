"""A few seconds of page cache: crowds share one rendering, each keeps their own form token."""
import datetime as dt
import re

import pytest

from campaign import clock
from campaign.extensions import db
from tests.factories import PASSWORD, create_organiser
from campaign.petitions.models import Petition
from tests.petitions.helpers import create_petition, link_in, outbox, sign_data

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                   r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def cached_app(make_app):
    """Requests run without an outer app context, as in production: each has its own ``g``
    (where Flask-WTF keeps the request's CSRF token)."""
    return make_app(PAGE_CACHE_SECONDS=5, WTF_CSRF_ENABLED=True)


@pytest.fixture
def petition_url(cached_app):
    with cached_app.app_context():
        return f"/en/petitions/{create_petition().slug}"


def token_in(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the form has no CSRF token"
    return match.group(1) or match.group(2)


def retitle(app, title):
    with app.app_context():
        petition = db.session.scalar(db.select(Petition))
        petition.translations["en"].title = title
        db.session.commit()


def test_visitors_share_a_rendering_for_a_few_seconds_then_see_changes(cached_app, petition_url,
                                                                       frozen_now):
    url = petition_url
    assert "Stop torture" in cached_app.test_client().get(url).get_data(as_text=True)
    retitle(cached_app, "Free the prisoners")
    assert "Stop torture" in cached_app.test_client().get(url).get_data(as_text=True)
    clock.advance(dt.timedelta(seconds=6))
    assert "Free the prisoners" in cached_app.test_client().get(url).get_data(as_text=True)


OURS = {"Origin": "https://campaign.test"}
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def form_token_in(html: str) -> str:
    return FORM_TOKEN.search(html).group(1)


def test_visitors_of_a_cached_page_share_its_form_token_and_each_can_sign(
        cached_app, petition_url, frozen_now):
    url = petition_url
    first, second = cached_app.test_client(), cached_app.test_client()
    token = form_token_in(first.get(url).get_data(as_text=True))
    assert form_token_in(second.get(url).get_data(as_text=True)) == token
    for n, client in enumerate((first, second)):
        response = client.post(f"{url}/sign", data={**sign_data(email=f"s{n}@example.org"),
                                                    "form_token": token}, headers=OURS)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]


def test_a_logged_in_organiser_always_sees_the_page_as_it_is_now(cached_app, petition_url,
                                                                 frozen_now):
    url = petition_url
    cached_app.test_client().get(url)
    retitle(cached_app, "Free the prisoners")
    with cached_app.app_context():
        create_organiser()
    organiser = cached_app.test_client()
    login_page = organiser.get("/organiser/login").get_data(as_text=True)
    organiser.post("/organiser/login", data={"email": "organiser@example.org",
                                             "password": PASSWORD,
                                             "csrf_token": token_in(login_page)})
    assert "Free the prisoners" in organiser.get(url).get_data(as_text=True)


def count_on(html: str) -> str:
    match = re.search(r'<p class="count">([^<]+)</p>', html)
    assert match, "the page shows no signature count"
    return match.group(1)


def test_a_signer_sees_their_own_signature_counted_at_once(cached_app, petition_url, frozen_now):
    url = petition_url
    signer, crowd = cached_app.test_client(), cached_app.test_client()
    token = form_token_in(signer.get(url).get_data(as_text=True))
    signer.post(f"{url}/sign", data={**sign_data(), "form_token": token}, headers=OURS)
    with cached_app.app_context():
        verify_path = link_in(outbox()[0])
    clock.advance(dt.timedelta(minutes=10))  # the signer reads their mail later
    assert count_on(crowd.get(url).get_data(as_text=True)) == "0 signatures"
    button_page = signer.get(verify_path).get_data(as_text=True)
    assert signer.post(verify_path, data={"csrf_token": token_in(button_page)}).status_code == 200

    assert count_on(signer.get(url).get_data(as_text=True)) == "1 signature"
    assert count_on(crowd.get(url).get_data(as_text=True)) == "0 signatures", \
        "others share the cached rendering for a few seconds"
    clock.advance(dt.timedelta(seconds=6))
    assert count_on(crowd.get(url).get_data(as_text=True)) == "1 signature"


@pytest.fixture
def counted_app(make_app):
    """A cached app that counts the requests reaching Flask (past the front layer)."""
    app = make_app(PAGE_CACHE_SECONDS=5, WTF_CSRF_ENABLED=True)
    app.flask_calls = []
    app.before_request(lambda: app.flask_calls.append(1))
    return app


def cookieless_get(app, url, **headers):
    """A visitor who sends no cookie (a fresh client each time, as a crowd from a link)."""
    client = app.test_client(use_cookies=False)
    return client.get(url, headers=headers)


def test_a_page_without_a_form_is_repeated_in_front_of_flask_to_cookieless_visitors(
        counted_app, frozen_now):
    from tests.factories import create_campaign

    with counted_app.app_context():
        create_campaign(slug="free-them")
    url = "/en/campaigns/free-them"
    first = cookieless_get(counted_app, url)
    again = [cookieless_get(counted_app, url) for _ in range(3)]
    assert first.status_code == 200 and len(counted_app.flask_calls) == 1
    for answer in again:
        assert (answer.status_code, answer.data) == (200, first.data)
        assert sorted(answer.headers.items()) == sorted(first.headers.items())
    assert "X-Campaign-Front-Cache" not in first.headers
    assert first.headers["Set-Cookie"].startswith("lang=en;")  # as Flask says it to everyone
    # A visitor with any cookie, and anything after the cache's lifetime, goes to Flask.
    cookieless_get(counted_app, url, Cookie="lang=ru")
    assert len(counted_app.flask_calls) == 2
    clock.advance(dt.timedelta(seconds=6))
    cookieless_get(counted_app, url)
    assert len(counted_app.flask_calls) == 3


def test_a_public_forms_page_is_answered_in_front_of_flask_too(counted_app, frozen_now):
    """Its form token is the same for everyone (core/form_tokens.py): no session, no cookie."""
    with counted_app.app_context():
        url = f"/en/petitions/{create_petition().slug}"
    answers = [cookieless_get(counted_app, url) for _ in range(3)]
    assert len({answer.data for answer in answers}) == 1 and len(counted_app.flask_calls) == 1
    assert not [c for c in answers[0].headers.getlist("Set-Cookie") if c.startswith("session=")]
    response = counted_app.test_client(use_cookies=False).post(
        f"{url}/sign", data={**sign_data(), "form_token": form_token_in(answers[2].text)},
        headers=OURS)
    assert response.status_code == 302


def test_a_visitor_with_a_session_gets_the_page_from_flask_with_their_own_token(
        counted_app, frozen_now):
    """After a post whose browser named no origin, the form shown again carries a session
    token; that visitor (a cookie now) is answered by Flask, never from the front cache, and
    the shared rendering holds no session token."""
    with counted_app.app_context():
        url = f"/en/petitions/{create_petition().slug}"
    cookieless_get(counted_app, url)
    tokens = set()
    for _ in range(2):
        client = counted_app.test_client()
        html = client.post(f"{url}/sign", data=sign_data()).get_data(as_text=True)
        tokens.add(token_in(html))
        calls = len(counted_app.flask_calls)
        page = client.get(url)
        assert len(counted_app.flask_calls) == calls + 1, "a visitor with a cookie reaches Flask"
        assert 'name="csrf_token"' not in page.get_data(as_text=True)
    assert len(tokens) == 2
