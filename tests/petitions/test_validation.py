"""Every bad input gets a message next to its field, never a 500; user text is escaped."""
import datetime as dt
import re

import pytest

from campaign import clock
from campaign.extensions import db
from tests.factories import create_organiser, log_in
from tests.petitions.helpers import create_petition, link_in, outbox, sign, sign_data, signatures

BAD_INPUTS = [
    ({"name": ""}, "Please enter your name."),
    ({"name": "   "}, "Please enter your name."),
    ({"name": "A" * 121}, "Your name is too long: at most 120 characters (you typed 121)."),
    ({"name": "Buy now https://spam.example"}, "Please do not put web addresses here."),
    ({"name": "visit www.spam.example"}, "Please do not put web addresses here."),
    ({"name": "=HYPERLINK(\"http://x\")"}, "Please do not put web addresses here."),
    ({"name": "=1+2"}, "This cannot start with = + - or @."),
    ({"name": "+48 600"}, "This cannot start with = + - or @."),
    ({"name": "-Anna"}, "This cannot start with = + - or @."),
    ({"name": "@anna"}, "This cannot start with = + - or @."),
    ({"name": "Anna\x00Kowalska"}, "Please remove the invisible control characters."),
    ({"email": ""}, "Please enter your e-mail address."),
    ({"email": "not-an-address"}, "Please enter a valid e-mail address"),
    ({"email": "a@b"}, "Please enter a valid e-mail address"),
    ({"email": "x" * 250 + "@example.org"}, "E-mail address is too long: at most 254 characters (you typed 262)."),
    ({"email": "anna\x00@example.org"}, "Please enter a valid e-mail address"),
    ({"country": ""}, "Please choose your country."),
    ({"country": "XX"}, "Please choose a country from the list."),
    ({"country": "EU"}, "Please choose a country from the list."),
    ({"country": "pl"}, "Please choose a country from the list."),
    ({"country": "POL"}, "Please choose a country from the list."),
    ({"comment": "x" * 1001}, "Comment is too long: at most 1000 characters (you typed 1001)."),
    ({"comment": "see http://spam.example"}, "Please do not put web addresses here."),
    ({"comment": "bad\x07bell"}, "Please remove the invisible control characters."),
    ({"consent": None}, "Please agree, or we cannot count your signature."),
]


@pytest.mark.parametrize("overrides, message", BAD_INPUTS)
def test_bad_input_is_explained_and_nothing_is_stored(client, app, overrides, message):
    petition = create_petition()
    response = sign(client, petition, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert "Please correct the fields marked below." in html
    assert signatures() == [] and outbox() == []


def test_an_empty_post_is_explained(client, app):
    create_petition()
    response = client.post("/en/petitions/stop-torture/sign", data={})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Please enter your name.", "Please enter your e-mail address.",
                    "Please choose your country.", "Please agree"):
        assert message in html
    assert signatures() == []


def test_a_form_with_errors_keeps_what_was_typed(client, app):
    petition = create_petition()
    html = sign(client, petition, name="Ольга Zażółć", comment="Свободу!",
                country="KZ", consent=None).get_data(as_text=True)
    assert 'value="Ольга Zażółć"' in html
    assert "Свободу!</textarea>" in html
    assert '<option selected value="KZ">Kazakhstan</option>' in html


def test_an_oversized_request_is_refused_politely(client, app):
    petition = create_petition()
    response = sign(client, petition, comment="x" * (1024 * 1024 + 10))
    assert response.status_code == 413
    assert signatures() == []


def test_country_names_follow_the_page_language(client, app):
    create_petition(texts={"en": {"title": "T", "text": "x"}})
    assert '<option value="KZ">Казахстан</option>' in client.get(
        "/ru/petitions/stop-torture").get_data(as_text=True)
    assert '<option value="DE">Niemcy</option>' in client.get(
        "/pl/petitions/stop-torture").get_data(as_text=True)


SCRIPT = "<script>alert(1)</script>"


def test_script_in_name_and_comment_is_shown_as_text_everywhere(client, app):
    petition = create_petition()
    sign(client, petition, name=f"{SCRIPT} Eve", comment=f"{SCRIPT} hi", public="y")
    client.post(link_in(outbox()[0]))
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    public = client.get("/en/petitions/stop-torture").get_data(as_text=True)
    assert "alert(1)" not in public  # a "name" holding markup is not shown publicly at all

    create_organiser()
    log_in(client)
    delivery = client.get(f"/organiser/petitions/{petition.id}/delivery").get_data(as_text=True)
    assert "alert(1)" not in delivery
    for path in ("signatures", "invalidate?domain=example.org"):
        html = client.get(f"/organiser/petitions/{petition.id}/{path}").get_data(as_text=True)
        assert escaped in html, path
        assert SCRIPT not in html, path


def _token(html):
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def test_an_expired_form_is_shown_again_with_what_was_typed(make_app, frozen_now):
    app = make_app(WTF_CSRF_ENABLED=True, WTF_CSRF_TIME_LIMIT=60)
    with app.app_context():
        create_petition()
    # Requests outside the test's app context: each gets its own, as in production.
    client = app.test_client()
    ours = {"Origin": "https://campaign.test"}
    old_token = _token(client.get("/en/petitions/stop-torture").get_data(as_text=True))
    clock.advance(dt.timedelta(seconds=61))
    data = sign_data(name="Ольга Кравец", email="olga@example.org", country="KZ",
                     comment="Держитесь!", public="y", updates="y", form_token=old_token)
    response = client.post("/en/petitions/stop-torture/sign", data=data, headers=ours)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This page was open for a long time" in html
    assert 'value="Ольга Кравец"' in html and 'value="olga@example.org"' in html
    assert '<option selected value="KZ">' in html and "Держитесь!</textarea>" in html
    assert 'id="public" name="public" type="checkbox" value="y"' in html
    assert _token(html) != old_token

    response = client.post("/en/petitions/stop-torture/sign",
                           data={**data, "form_token": _token(html)}, headers=ours)
    assert response.status_code == 302
    with app.app_context():
        assert [s.name for s in signatures()] == ["Ольга Кравец"]


def test_a_missing_csrf_token_gets_the_same_friendly_page(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        create_petition()
        response = client.post("/en/petitions/stop-torture/sign", data=sign_data())
        assert response.status_code == 400
        assert 'value="Anna Kowalska"' in response.get_data(as_text=True)
        assert signatures() == []


def test_signing_is_rate_limited_per_ip(make_app):
    app = make_app(RATELIMIT_ENABLED=True, PETITION_RATELIMIT_SIGN_BURST="3 per minute",
                   PETITION_RATELIMIT_SIGN_SUSTAINED="100 per hour")
    client = app.test_client()
    with app.app_context():
        petition = create_petition()
        codes = [sign(client, petition, email=f"p{n}@example.org").status_code
                 for n in range(4)]
        assert codes == [302, 302, 302, 429]
        assert sign(client, petition, email="other@example.org",
                    ip="203.0.113.9").status_code == 302
        assert len(signatures()) == 4


def test_signing_is_rate_limited_per_email_domain_except_large_providers(make_app):
    app = make_app(RATELIMIT_ENABLED=True, PETITION_RATELIMIT_SIGN_DOMAIN="2 per minute")
    client = app.test_client()
    with app.app_context():
        petition = create_petition()
        codes = [sign(client, petition, email=f"bot{n}@bots.example", ip=f"203.0.113.{n}")
                 .status_code for n in range(3)]
        assert codes == [302, 302, 429]
        for n in range(4):
            assert sign(client, petition, email=f"person{n}@gmail.com",
                        ip=f"198.51.100.{n}").status_code == 302
        assert sign(client, petition, email="someone@example.org").status_code == 302


def test_rate_limits_can_be_switched_off(make_app):
    app = make_app(RATELIMIT_ENABLED=False, PETITION_RATELIMIT_SIGN_BURST="1 per minute")
    client = app.test_client()
    with app.app_context():
        petition = create_petition()
        assert all(sign(client, petition, email=f"p{n}@example.org").status_code == 302
                   for n in range(3))


def test_the_ip_is_never_stored_only_its_salted_hash(client, app):
    petition = create_petition()
    sign(client, petition, ip="203.0.113.77")
    [signature] = signatures()
    assert signature.ip_hash and "203.0.113.77" not in signature.ip_hash
    assert len(signature.ip_hash) == 32
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            assert "203.0.113.77" not in str(tuple(row)), table.name


def test_switching_language_on_a_form_with_errors_leads_back_to_the_petition(client, app):
    petition = create_petition()
    html = sign(client, petition, name="").get_data(as_text=True)
    assert 'href="/ru/petitions/stop-torture/sign"' in html
    response = client.get("/ru/petitions/stop-torture/sign")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ru/petitions/stop-torture")


@pytest.mark.parametrize("typed", ["Ala\nBcc: eve@example.org", "Ala\r\nNowak", "Ala\u2028Nowak",
                                   "  Ala \t Nowak  "])
def test_line_breaks_in_a_name_become_one_space(client, app, typed):
    petition = create_petition()
    sign(client, petition, name=typed)
    [signature] = signatures()
    assert "\n" not in signature.name and "\r" not in signature.name
    assert signature.name == " ".join(typed.split())


@pytest.mark.parametrize("name", ["<b>Ann</b>", "Ann www.spam.example", "Ann cheap.pills",
                                  "Ann @spam"])
def test_a_name_with_markup_or_a_link_is_not_shown_publicly(client, app, name):
    from campaign.petitions import operations

    petition = create_petition()
    for signer, email in ((name, "x@example.org"), ("Marta Nowak", "m@example.org")):
        operations.record_verified_signature(petition, name=signer, email=email,
                                             country="PL", lang="en")
    db.session.commit()
    page = client.get("/en/petitions/stop-torture").get_data(as_text=True)
    assert "Marta" in page
    assert "Ann" not in page


def test_an_organiser_hides_a_public_name(client, app):
    from campaign.petitions import operations

    petition = create_petition()
    operations.record_verified_signature(petition, name="Marta Nowak", email="m@example.org",
                                         country="PL", lang="en")
    db.session.commit()
    assert "Marta" in client.get("/en/petitions/stop-torture").get_data(as_text=True)
    create_organiser()
    log_in(client)
    [signature] = signatures()
    listing = client.get(f"/organiser/petitions/{petition.id}/signatures").get_data(as_text=True)
    assert "Hide the name" in listing
    client.post(f"/organiser/petitions/{petition.id}/signatures/{signature.id}/name",
                data={"hidden": "1"})
    app.extensions.pop("petition_recent_signers", None)  # the page's few seconds of cache
    assert "Marta" not in client.get("/en/petitions/stop-torture").get_data(as_text=True)
    delivery = client.get(f"/organiser/petitions/{petition.id}/delivery").get_data(as_text=True)
    assert "Marta" not in delivery
    assert "Show the name" in client.get(
        f"/organiser/petitions/{petition.id}/signatures").get_data(as_text=True)
