"""Signing inside a frame: the public form's checks and mail, without any cookie."""
import datetime as dt
import re

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.petitions import counter
from campaign.petitions.models import SignatureState
from tests.embeds.helpers import OUR_ORIGIN, allow, form_token, frame_ancestors
from tests.petitions.helpers import create_petition, link_in, outbox, sign_data, signatures


@pytest.fixture
def frame(make_app):
    """A browser inside another website's iframe: CSRF checks on, and no cookie ever sent
    back (a Lax session cookie does not reach a cross-site frame)."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app, app.test_client(use_cookies=False)


def post_sign(client, petition, token, lang="en", headers=OUR_ORIGIN, **overrides):
    return client.post(f"/{lang}/petitions/{petition.slug}/embed",
                       data={**sign_data(**overrides), "form_token": token}, headers=headers,
                       environ_base={"REMOTE_ADDR": "198.51.100.7"})


def test_a_signature_from_the_frame_is_confirmed_by_mail_and_counts(frame):
    app, client = frame
    petition = create_petition()
    allow(petition.campaign, "https://www.ngo.example")
    page = client.get("/pl/petitions/stop-torture/embed")
    assert page.status_code == 200
    assert "Set-Cookie" not in page.headers, "the embed needs no cookie"
    html = page.get_data(as_text=True)
    assert 'class="site-header"' not in html and 'class="site-footer"' not in html
    assert 'lang="pl"' in html

    response = post_sign(client, petition, form_token(page), lang="pl")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/pl/petitions/stop-torture/embed/sent")
    sent = client.get(response.headers["Location"])
    assert frame_ancestors(sent) == "frame-ancestors 'self' https://www.ngo.example"
    [signature] = signatures()
    assert (signature.state, signature.lang) == (SignatureState.PENDING, "pl")
    assert counter.count(petition.id, fresh=True) == 0

    [mail] = outbox("petition_verification")
    tab = app.test_client()  # the signer's own tab, on our site, from the e-mail
    shown = tab.get(link_in(mail)).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', shown).group(1)
    verified = tab.post(link_in(mail), data={"csrf_token": csrf})
    assert verified.status_code == 200
    db.session.expire_all()
    assert signatures()[0].state == SignatureState.VERIFIED
    assert counter.count(petition.id, fresh=True) == 1


def test_the_frame_gets_no_cookie_even_after_signing(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, PAGE_CACHE_SECONDS=5)
    client = app.test_client(use_cookies=False)
    with app.app_context():
        petition = create_petition()
        page = client.get("/en/petitions/stop-torture/embed")
        response = post_sign(client, petition, form_token(page))
        assert response.status_code == 302
        sent = client.get(response.headers["Location"])
        for answer in (page, response, sent):
            assert "Set-Cookie" not in answer.headers
        assert frame_ancestors(response) == "frame-ancestors 'self'"


def test_a_form_posted_from_another_website_is_refused(frame):
    _, client = frame
    petition = create_petition()
    token = form_token(client.get("/en/petitions/stop-torture/embed"))
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Referer": "https://evil.example/page"}):
        response = post_sign(client, petition, token, headers=headers)
        assert response.status_code == 403, headers  # not shown back filled in
        assert 'name="form_token"' not in response.get_data(as_text=True)
    assert signatures() == [] and outbox() == []


def test_a_missing_foreign_or_old_token_shows_the_form_again_with_what_was_typed(frame):
    _, client = frame
    petition = create_petition()
    create_petition(petition.campaign, slug="other")
    other_token = form_token(client.get("/en/petitions/other/embed"))
    for token in ("", "forged", other_token):
        response = post_sign(client, petition, token, name="Zofia Nałkowska")
        assert response.status_code == 400
        assert "Zofia Nałkowska" in response.get_data(as_text=True)

    token = form_token(client.get("/en/petitions/stop-torture/embed"))
    clock.set_now(clock.now() + dt.timedelta(hours=4))
    response = post_sign(client, petition, token)
    assert response.status_code == 400
    response = post_sign(client, petition, form_token(response))
    assert response.status_code == 302, "the form shown again carries a fresh token"
    assert len(signatures()) == 1


def test_the_answer_is_the_same_for_known_and_new_addresses(frame):
    _, client = frame
    petition = create_petition()
    first = post_sign(client, petition, form_token(client.get("/en/petitions/stop-torture/embed")))
    again = post_sign(client, petition, form_token(client.get("/en/petitions/stop-torture/embed")))
    assert (first.status_code, first.headers["Location"]) == \
        (again.status_code, again.headers["Location"])
    assert len(signatures()) == 1
    assert outbox()[0].kind == "petition_verification"


def test_bots_filling_the_honeypot_see_the_same_answer_and_nothing_is_stored(frame):
    _, client = frame
    petition = create_petition()
    token = form_token(client.get("/en/petitions/stop-torture/embed"))
    response = post_sign(client, petition, token, website="http://spam.example")
    assert response.status_code == 302 and response.headers["Location"].endswith("/embed/sent")
    assert signatures() == [] and outbox() == []


def test_invalid_input_is_explained_inside_the_frame(client, app):
    petition = create_petition()
    response = client.post("/en/petitions/stop-torture/embed",
                           data=sign_data(email="not-an-address", consent=None))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please enter a valid e-mail address" in html
    assert "Please agree, or we cannot count your signature." in html
    assert frame_ancestors(response) == "frame-ancestors 'self'"
    assert signatures() == []


def test_a_closed_petition_takes_no_signature_from_the_frame(client, app):
    petition = create_petition(status="closed")
    page = client.get("/en/petitions/stop-torture/embed").get_data(as_text=True)
    assert "This petition is closed" in page and "<form" not in page
    response = client.post("/en/petitions/stop-torture/embed", data=sign_data())
    assert response.status_code == 409
    assert signatures() == [] and petition.is_open is False


def test_the_frame_shares_the_public_forms_rate_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, PETITION_RATELIMIT_SIGN_BURST="2 per minute")
    client = app.test_client()
    with app.app_context():
        create_petition()
        for number in range(2):
            assert client.post("/en/petitions/stop-torture/sign", data=sign_data(
                email=f"a{number}@example.org")).status_code == 302
        response = client.post("/en/petitions/stop-torture/embed",
                               data=sign_data(email="b@example.org"))
        assert response.status_code == 429
        assert "You have sent too many requests" in response.get_data(as_text=True)
        assert frame_ancestors(response) == "frame-ancestors 'self'"
        assert 'class="site-header"' not in response.get_data(as_text=True)


def test_the_rate_limit_on_an_unknown_petition_is_still_a_clear_answer(make_app):
    app = make_app(RATELIMIT_ENABLED=True, PETITION_RATELIMIT_SIGN_BURST="1 per minute")
    client = app.test_client()
    with app.app_context():
        codes = [client.post("/en/petitions/no-such-petition/embed",
                             data=sign_data()).status_code for _ in range(2)]
        assert codes == [404, 429]
