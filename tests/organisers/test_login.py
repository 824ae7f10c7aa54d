"""Organiser accounts: login without enumeration, rate limits, the create-organiser command."""
from campaign.extensions import db
from campaign.organisers.models import Organiser
from tests.factories import PASSWORD, create_organiser, log_in


def test_an_organiser_logs_in_and_sees_the_dashboard(client, app):
    create_organiser()
    response = log_in(client)
    assert response.status_code == 302 and response.headers["Location"] == "/organiser/"
    assert "Dashboard" in client.get("/organiser/").get_data(as_text=True)


def test_unknown_email_and_wrong_password_get_the_same_answer(client, app):
    create_organiser()
    wrong_password = log_in(client, password="not the password")
    unknown = log_in(client, email="nobody@example.org")
    assert wrong_password.status_code == unknown.status_code == 200
    strip = lambda r: r.get_data(as_text=True).replace("nobody@example.org", "").replace(
        "organiser@example.org", "")
    assert strip(wrong_password) == strip(unknown)
    assert "The e-mail or the password is not right." in strip(unknown)


def test_inactive_organisers_cannot_log_in(client, app):
    organiser = create_organiser()
    organiser.active = False
    db.session.commit()
    assert log_in(client).status_code == 200
    assert client.get("/organiser/").status_code == 302


def test_organiser_pages_need_a_login(client, app):
    for url in ("/organiser/", "/organiser/campaigns/new"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/organiser/login?next=")


def test_login_follows_only_local_next_links(client, app):
    create_organiser()
    response = client.post("/organiser/login?next=https://evil.example/",
                           data={"email": "organiser@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/organiser/"


def test_logout_ends_the_session(client, app):
    create_organiser()
    log_in(client)
    client.post("/organiser/logout")
    assert client.get("/organiser/").status_code == 302


def test_login_is_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute")
    client = app.test_client()
    codes = [log_in(client, password="wrong").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_login_form_needs_a_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/organiser/login", data={
        "email": "organiser@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)


def test_create_organiser_command(runner, app):
    result = runner.invoke(args=["campaign", "create-organiser", "Ewa@Example.org",
                                 "--password", "a long password"])
    assert result.exit_code == 0, result.output
    organiser = db.session.scalar(db.select(Organiser))
    assert organiser.email == "ewa@example.org"
    assert organiser.check_password("a long password")
    assert "a long password" not in organiser.password_hash


def test_create_organiser_prompts_for_the_password(runner, app):
    result = runner.invoke(args=["campaign", "create-organiser", "ewa@example.org"],
                           input="a long password\na long password\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(Organiser)).check_password("a long password")


def test_create_organiser_refuses_duplicates_and_short_passwords(runner, app):
    create_organiser(email="ewa@example.org")
    again = runner.invoke(args=["campaign", "create-organiser", "ewa@example.org",
                                "--password", "a long password"])
    assert again.exit_code != 0 and "already exists" in again.output
    short = runner.invoke(args=["campaign", "create-organiser", "x@example.org",
                                "--password", "short"])
    assert short.exit_code != 0 and "10 characters" in short.output


def test_a_nul_character_in_the_address_is_answered_not_crashed(client, app):
    create_organiser()
    response = log_in(client, email="organiser@example.org\x00")
    assert response.status_code == 200
    assert "Please remove the invisible control characters." in response.get_data(as_text=True)


def test_login_is_still_limited_while_the_shared_store_is_down(make_app):
    """Several app servers keep their limits in Redis; when it stops answering (here nothing
    listens on port 1) each process counts in memory instead of failing every login."""
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute",
                   RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    client = app.test_client()
    codes = [log_in(client, password="wrong").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
