"""No 500 on any input: broken links, odd fields, other actions' tokens, GET on POST-only pages."""
import pytest

from campaign.core.signing import make_token
from campaign.letters.mail import TOKEN_PURPOSE
from tests.letters.helpers import create_action, letters, write


@pytest.mark.parametrize("url, status", [
    ("/en/letters/write-meps/confirm/garbage", 404),
    ("/en/letters/nope", 404),
    ("/xx/letters/write-meps", 404),
    ("/en/letters/write-meps?country=%00", 200),
    ("/en/letters/write-meps?country=" + "Z" * 5000, 200),
    ("/en/letters/write-meps/write", 302),
    ("/en/letters/write-meps/mailto", 405),
])
def test_odd_requests_get_an_answer_not_an_error(client, app, url, status):
    create_action()
    assert client.get(url).status_code == status


@pytest.mark.parametrize("overrides", [
    {"name": "Ann\x00a"}, {"body": "bad\x00body"}, {"subject": "line\nbreak\x0b"},
    {"country": "\x00"}, {"email": "a@b@c"}, {"name": "=cmd()"}, {"subject": "s" * 201},
    {"name": "x" * 10_000},
])
def test_bad_fields_are_refused_with_the_form_shown_again(client, app, overrides):
    action = create_action()
    response = write(client, action, **overrides)
    assert response.status_code == 200
    assert letters() == []


def test_a_token_for_a_letter_that_does_not_exist_or_is_not_a_number(client, app):
    create_action()
    for data in (999_999, "1", [1], None):
        token = make_token(TOKEN_PURPOSE, data)
        assert client.get(f"/en/letters/write-meps/confirm/{token}").status_code == 404
        assert client.post(f"/en/letters/write-meps/confirm/{token}").status_code == 404


def test_writing_is_rate_limited_per_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LETTER_RATELIMIT_WRITE="2 per minute")
    client = app.test_client()
    with app.app_context():
        action = create_action()
        answers = [write(client, action, email=f"s{n}@example.org").status_code
                   for n in range(3)]
        clicks = [client.post("/en/letters/write-meps/mailto", data={"country": "PL"}).status_code
                  for _ in range(3)]
    assert answers == [302, 302, 429]
    assert clicks == [303, 303, 429]
