"""Verification links: they expire, cannot be forged, and belong to one petition."""
import datetime as dt

from campaign import clock
from campaign.core.signing import make_token
from campaign.mailing import scheduling
from campaign.mailing.render import render_row
from campaign.petitions import counter
from tests.petitions.helpers import create_petition, link_in, outbox, sign, signatures


def test_an_expired_link_explains_how_to_get_a_new_one(client, app, frozen_now):
    petition = create_petition()
    sign(client, petition)
    link = link_in(outbox()[0])
    assert "The link works for 7 days." in render_row(outbox()[0]).text
    clock.advance(dt.timedelta(days=7, seconds=1))
    response = client.post(link)
    assert response.status_code == 410
    assert "Sign the petition again with the same e-mail address" in response.get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 0


def test_a_link_works_until_it_expires(client, app, frozen_now):
    petition = create_petition()
    sign(client, petition)
    link = link_in(outbox()[0])
    clock.advance(dt.timedelta(days=6, hours=23))
    assert client.post(link).status_code == 200
    assert counter.count(petition.id, fresh=True) == 1


def test_the_expiry_is_configurable(make_app, frozen_now):
    app = make_app(PETITION_VERIFY_MAX_AGE=3600)
    client = app.test_client()
    with app.app_context():
        petition = create_petition()
        sign(client, petition)
        link = link_in(outbox()[0])
        assert "The link works for 1 day." in render_row(outbox()[0]).text
        clock.advance(dt.timedelta(hours=2))
        assert client.post(link).status_code == 410


def test_a_tampered_link_is_refused(client, app):
    petition = create_petition()
    sign(client, petition)
    link = link_in(outbox()[0])
    head, token = link.rsplit("/", 1)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "MQ", "nonsense", token + "x"):
        response = client.get(f"{head}/{bad}")
        assert response.status_code == 404, bad
        assert "This link does not work" in response.get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 0


def test_a_token_for_another_purpose_or_id_is_refused(client, app):
    petition = create_petition()
    sign(client, petition)
    for token in (make_token("rsvp", 1), make_token("signature", 999),
                  make_token("signature", "1"), make_token("signature", [1])):
        assert client.post(f"/en/petitions/stop-torture/verify/{token}").status_code == 404
    assert counter.count(petition.id, fresh=True) == 0


def test_a_link_only_works_on_its_own_petition(client, app):
    petition = create_petition()
    create_petition(campaign=petition.campaign, slug="another",
                    texts={"en": {"title": "Another", "text": "x"}})
    sign(client, petition)
    token = link_in(outbox()[0]).rsplit("/", 1)[1]
    assert client.post(f"/en/petitions/another/verify/{token}").status_code == 404
    assert counter.count(petition.id, fresh=True) == 0


def test_unconfirmed_signatures_are_deleted_once_their_links_expired(client, app, runner,
                                                                    frozen_now):
    petition = create_petition()
    sign(client, petition, email="never@example.org")
    sign(client, petition, email="confirmed@example.org")
    unused_link = link_in(outbox()[0])
    client.post(link_in(outbox()[1]))
    clock.advance(dt.timedelta(days=7))
    assert "0 unconfirmed" in runner.invoke(args=["campaign", "purge-unverified"]).output
    clock.advance(dt.timedelta(days=1, seconds=1))
    result = runner.invoke(args=["campaign", "purge-unverified"])
    assert result.exit_code == 0 and "1 unconfirmed signatures deleted" in result.output
    assert [s.email for s in signatures()] == ["confirmed@example.org"]
    assert client.get(unused_link).status_code == 410


def test_the_mail_worker_purges_expired_unconfirmed_signatures_on_its_own(client, app, runner,
                                                                         frozen_now):
    petition = create_petition()
    sign(client, petition, email="never@example.org")
    clock.advance(dt.timedelta(days=8, seconds=1))
    result = runner.invoke(args=["campaign", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert signatures() == []


def test_a_looping_worker_purges_hourly_not_every_round(client, app, frozen_now):
    petition = create_petition()
    scheduling.run_steps(every_step=True)  # as `worker --once` at 09:00
    with clock.travel(frozen_now - dt.timedelta(days=9)):
        sign(client, petition, email="never@example.org")
    clock.advance(dt.timedelta(minutes=59))
    scheduling.run_steps()
    assert [s.email for s in signatures()] == ["never@example.org"]
    clock.advance(dt.timedelta(minutes=1))
    scheduling.run_steps()
    assert signatures() == []


def test_following_the_link_shows_a_button_and_only_the_button_signs(client, app):
    petition = create_petition()
    sign(client, petition)
    link = link_in(outbox()[0])
    for _ in range(3):  # a mail scanner following the link, more than once
        page = client.get(link)
        assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
        assert "Confirm my signature" in page.get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 0
    assert "Thank you: your signature counts" in client.post(link).get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 1
    # Used: following it again shows the current state and changes nothing.
    assert "Thank you: your signature counts" in client.get(link).get_data(as_text=True)
    client.post(link)
    assert counter.count(petition.id, fresh=True) == 1


def test_the_link_carries_no_address_and_no_sequential_id(client, app):
    import base64

    petition = create_petition()
    sign(client, petition, email="anna@example.org")
    token = link_in(outbox()[0]).rsplit("/", 1)[1]
    payload = token.split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert "anna" not in decoded and "example" not in decoded
    assert decoded.strip('"') == signatures()[0].link_key  # a random key, 24 characters
    assert len(signatures()[0].link_key) == 24
