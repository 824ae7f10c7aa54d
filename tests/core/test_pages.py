"""Site-wide behaviour: language choice, error pages, health check, security headers."""
import pytest

from tests.factories import create_campaign


def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/pl/")


def test_root_prefers_the_language_cookie_over_the_browser(client):
    client.set_cookie("lang", "ru")
    response = client.get("/", headers={"Accept-Language": "pl"})
    assert response.headers["Location"].endswith("/ru/")


def test_root_falls_back_to_english_for_other_languages(client):
    response = client.get("/", headers={"Accept-Language": "de"})
    assert response.headers["Location"].endswith("/en/")


def test_visiting_a_language_remembers_it(client):
    client.get("/ru/")
    assert client.get("/", headers={"Accept-Language": "pl"}).headers["Location"].endswith("/ru/")


@pytest.mark.parametrize("lang, text", [("en", "Page not found"), ("ru", "Страница не найдена"),
                                        ("pl", "Nie znaleziono strony")])
def test_not_found_page_speaks_the_visitors_language(client, lang, text):
    response = client.get(f"/{lang}/campaigns/no-such-campaign")
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/de/").status_code == 404


def test_health_check_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["database"] == "up"


def test_health_check_is_503_when_the_database_is_gone(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none"
                   "?connect_timeout=1")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "down"


def test_pages_send_security_headers(client):
    headers = client.get("/en/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_other_hosts(client, app):
    create_campaign()
    for url in ("/en/", "/ru/campaigns/free-them", "/organiser/login"):
        html = client.get(url).get_data(as_text=True)
        for attribute in ('src="http', "src='http", 'href="//', "@import"):
            assert attribute not in html, (url, attribute)
        assert '<link rel="stylesheet" href="/static/' in html


def test_an_unexpected_error_shows_our_page_in_the_visitors_language(make_app):
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/<lang>/boom")
    def boom(lang):
        raise RuntimeError("a bug")

    response = app.test_client().get("/pl/boom", headers={"Accept-Language": "pl"})
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert '<html lang="pl">' in html and "Traceback" not in html and "a bug" not in html


def test_pages_answer_503_with_the_error_page_when_the_database_is_down(make_app):
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False,
                   SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none"
                   "?connect_timeout=1")
    response = app.test_client().get("/ru/campaigns/anything")
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and "psycopg" not in html
    assert '<html lang="ru">' in html


def test_an_unknown_address_under_a_language_is_answered_in_that_language(client):
    response = client.get("/pl/no/such/page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert '<html lang="pl">' in response.get_data(as_text=True)


def test_behind_a_configured_proxy_the_client_address_is_the_forwarded_one(make_app):
    app = make_app(PROXY_FIX_X_FOR=1)

    @app.get("/whoami")
    def whoami():
        from flask import request
        return request.remote_addr

    client = app.test_client()
    assert client.get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"}).text == \
        "203.0.113.9"
    plain = make_app().test_client()
    assert plain.get("/organiser/login").status_code == 200


@pytest.mark.parametrize("url", ["/en/key-dates/100000000000000000000.ics",
                                 "/organiser/campaigns/99999999999999999999"])
def test_ids_too_large_for_the_database_are_not_found(client, url):
    assert client.get(url).status_code in (404, 302)  # 302: organiser pages ask to log in


def test_browsers_find_the_site_icon_at_the_usual_address(client):
    page = client.get("/en/").get_data(as_text=True)
    assert 'rel="icon" href="/static/img/favicon.svg"' in page
    response = client.get("/favicon.ico", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"


def test_a_value_the_database_cannot_hold_gets_the_bad_request_page(client, app):
    """A NUL in an address is refused by PostgreSQL (SQLite finds nothing): 400 or 404 with
    our page, never a server error."""
    response = client.get("/en/petitions/stop%00torture")
    assert response.status_code in (400, 404)
    assert "Traceback" not in response.get_data(as_text=True)
    if response.status_code == 400:
        assert "invisible control character" in response.get_data(as_text=True)
