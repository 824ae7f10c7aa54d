"""Password reset by mailed link (same answer for any address, single use, one hour, every
session ends) and changing one's own password."""
import datetime as dt

from campaign import clock
from tests.factories import PASSWORD, create_campaign, create_organiser, log_in, page_text
from tests.organisers.helpers import link_in, mails_to, rendered

NEW = "another long password"


def _ask(client, email):
    return client.post("/organiser/reset", data={"email": email})


def test_known_and_unknown_addresses_get_the_same_answer(app):
    create_organiser("olga@example.org")
    known, unknown = _ask(app.test_client(), "Olga@example.org"), _ask(app.test_client(),
                                                                       "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page_text(known) == page_text(unknown)
    assert "If this address belongs to an organiser account" in page_text(known)
    # The same outbox row for both; the worker sends only the account's (test_no_oracle.py).
    [unsent] = mails_to("nobody@example.org", "password_reset")
    assert rendered(unsent) is None
    [mail] = mails_to("olga@example.org", "password_reset")
    # No campaign: no mail log shows it.
    assert mail.campaign_id is None


def test_the_link_sets_a_new_password_once_and_ends_every_session(app):
    create_campaign()
    create_organiser("olga@example.org")
    signed_in = app.test_client()
    log_in(signed_in, "olga@example.org")
    _ask(app.test_client(), "olga@example.org")
    link = link_in(mails_to("olga@example.org", "password_reset")[0])
    assert "/organiser/reset/" in link
    browser = app.test_client()
    response = browser.post(link, data={"password": "short", "confirm": "short"})
    assert "Use at least 10 characters." in page_text(response)
    response = browser.post(link, data={"password": NEW, "confirm": NEW}, follow_redirects=True)
    assert "Your password is set." in page_text(response)
    assert signed_in.get("/organiser/").status_code == 302
    assert log_in(app.test_client(), "olga@example.org").status_code == 200  # old: refused
    assert log_in(app.test_client(), "olga@example.org", NEW).status_code == 302
    assert app.test_client().get(link).status_code == 404
    assert rendered(mails_to("olga@example.org", "password_reset")[0]) is None


def test_the_link_ends_after_an_hour(app):
    create_organiser("olga@example.org")
    _ask(app.test_client(), "olga@example.org")
    link = link_in(mails_to("olga@example.org", "password_reset")[0])
    clock.advance(dt.timedelta(hours=1, seconds=1))
    assert app.test_client().get(link).status_code == 404


def test_resets_are_rate_limited_per_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute")
    with app.app_context():
        create_organiser("olga@example.org")
        # From four different addresses: the limit per e-mail address still holds.
        codes = [app.test_client().post("/organiser/reset", data={"email": "olga@example.org"},
                                        environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code
                 for n in range(4)]
        assert codes == [200, 200, 200, 429]
        assert len(mails_to("olga@example.org", "password_reset")) == 3


def test_changing_my_password_needs_the_current_one_and_ends_other_sessions(app):
    create_campaign()
    create_organiser("olga@example.org")
    here, elsewhere = app.test_client(), app.test_client()
    log_in(here, "olga@example.org")
    log_in(elsewhere, "olga@example.org")
    response = here.post("/organiser/account/password",
                         data={"current": "wrong", "password": NEW, "confirm": NEW})
    assert "The current password is not right." in page_text(response)
    response = here.post("/organiser/account/password",
                         data={"current": PASSWORD, "password": NEW, "confirm": NEW},
                         follow_redirects=True)
    assert "Every other session has ended." in page_text(response)
    assert here.get("/organiser/").status_code == 200
    assert elsewhere.get("/organiser/").status_code == 302
