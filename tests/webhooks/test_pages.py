"""The owner's pages: endpoints, the delivery log, the test button; nobody else gets in."""
import datetime as dt

from campaign import clock
from campaign.extensions import db
from campaign.organisers.roles import Role
from campaign.webhooks import operations, retention
from campaign.webhooks.models import DeliveryStatus, WebhookDelivery
from tests.factories import create_campaign, create_organiser, log_in, page_text
from tests.webhooks.helpers import add_endpoint, endpoints, rows, run_worker


def _member(app, campaign, role, email=None):
    email = email or f"{role.value}@example.org"
    create_organiser(email, roles={campaign: role})
    client = app.test_client()
    log_in(client, email)
    return client


def test_only_owners_see_and_manage_webhooks(app):
    campaign = create_campaign(owners=[])
    owner = _member(app, campaign, Role.OWNER)
    organiser = _member(app, campaign, Role.ORGANISER)
    url = f"/organiser/webhooks/campaign/{campaign.id}"
    assert "Webhooks" in page_text(owner.get("/organiser/"))
    assert "Webhooks" not in page_text(organiser.get("/organiser/"))
    assert organiser.get(url).status_code == 403
    assert organiser.post(url, data={"url": "https://crm.example.org/in",
                                     "events": ["rsvp.confirmed"]}).status_code == 403
    assert endpoints() == []
    stranger_campaign = create_campaign(slug="other", owners=[])
    stranger = _member(app, stranger_campaign, Role.OWNER, "stranger@example.org")
    endpoint, _secret = operations.create_endpoint(campaign.id, "https://crm.example.org/in",
                                                   ["rsvp.confirmed"])
    db.session.commit()
    assert stranger.get(url).status_code == 404
    assert stranger.get(f"/organiser/webhooks/{endpoint.id}").status_code == 404
    assert stranger.post(f"/organiser/webhooks/{endpoint.id}/test").status_code == 404
    assert stranger.post(f"/organiser/webhooks/{endpoint.id}/delete").status_code == 404
    assert len(endpoints()) == 1 and rows() == []


def test_the_form_needs_an_event_and_the_owner_reads_why(app):
    campaign = create_campaign(owners=[])
    owner = _member(app, campaign, Role.OWNER)
    response, secret = add_endpoint(owner, campaign, "https://crm.example.org/in", events=())
    assert response.status_code == 400 and secret is None
    assert "Choose at least one event." in page_text(response)


def test_the_test_button_sends_a_ping_and_the_log_shows_it(app, receiver, private_allowed):
    campaign = create_campaign(owners=[])
    owner = _member(app, campaign, Role.OWNER)
    _response, secret = add_endpoint(owner, campaign, receiver.url, events=["rsvp.cancelled"])
    [endpoint] = endpoints()
    response = owner.post(f"/organiser/webhooks/{endpoint.id}/test")
    assert response.status_code == 302
    log = page_text(owner.get(response.headers["Location"]))
    assert "Test event" in log and "Waiting" in log
    receiver.answers = [500]
    run_worker()
    log = page_text(owner.get(f"/organiser/webhooks/{endpoint.id}"))
    assert "HTTP 500" in log and "Waiting" in log
    clock.set_now(clock.now() + dt.timedelta(minutes=1))
    run_worker()
    log = page_text(owner.get(f"/organiser/webhooks/{endpoint.id}"))
    assert "Delivered" in log and "HTTP 200" in log
    assert receiver.events()[-1]["type"] == "ping"
    assert receiver.verified(secret, now=clock.now().timestamp()) == [True, True]


def test_removing_an_endpoint_removes_its_queue_and_log(app):
    campaign = create_campaign(owners=[])
    owner = _member(app, campaign, Role.OWNER)
    endpoint, _secret = operations.create_endpoint(campaign.id, "https://crm.example.org/in",
                                                   ["rsvp.confirmed"])
    operations.queue_test(endpoint)
    db.session.commit()
    response = owner.post(f"/organiser/webhooks/{endpoint.id}/delete")
    assert response.status_code == 302
    assert endpoints() == [] and rows() == []
    assert "Endpoint removed." in page_text(owner.get(response.headers["Location"]))


def test_finished_deliveries_are_deleted_after_the_retention_period(app):
    campaign = create_campaign()
    endpoint, _secret = operations.create_endpoint(campaign.id, "https://crm.example.org/in",
                                                   ["rsvp.confirmed"])
    old = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with clock.travel(old):
        done, failed, waiting = (operations.queue_test(endpoint) for _ in range(3))
    done.status, failed.status = DeliveryStatus.DELIVERED, DeliveryStatus.FAILED
    recent = operations.queue_test(endpoint)
    recent.status = DeliveryStatus.DELIVERED
    db.session.commit()
    assert retention.purge(old + dt.timedelta(days=31)) == 2
    db.session.commit()
    assert {row.id for row in rows()} == {waiting.id, recent.id}
    assert db.session.get(WebhookDelivery, waiting.id).status == DeliveryStatus.QUEUED
