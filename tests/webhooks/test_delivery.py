"""Events reach the owner's endpoint signed, once, retried with backoff when it fails."""
import datetime as dt
import json

from campaign import clock
from campaign.extensions import db
from campaign.webhooks import delivery, operations
from campaign.webhooks.models import DeliveryStatus
from tests.factories import create_campaign, create_organiser, log_in
from tests.petitions.helpers import create_petition, link_in, outbox, sign
from tests.webhooks.helpers import add_endpoint, rows, run_worker

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _owner(app, campaign):
    create_organiser("owner@example.org")
    client = app.test_client()
    log_in(client, "owner@example.org")
    return client


def test_a_verified_signature_reaches_the_endpoint_signed(app, client, receiver,
                                                          private_allowed):
    campaign = create_campaign()
    petition = create_petition(campaign)
    owner = _owner(app, campaign)
    response, secret = add_endpoint(owner, campaign, receiver.url)
    assert response.status_code == 200 and secret.startswith("whsec_")
    # Shown once: the list no longer carries it.
    assert secret not in owner.get(f"/organiser/webhooks/campaign/{campaign.id}").get_data(
        as_text=True)

    sign(client, petition, comment="My private reason")
    run_worker()
    assert receiver.requests == []  # not verified yet: nothing to report
    client.post(link_in(outbox("petition_verification")[0]))
    assert run_worker() == 1

    assert receiver.verified(secret) == [True]
    assert receiver.verified("whsec_wrong") == [False]
    event = receiver.events()[0]
    assert event["type"] == "signature.verified" and event["campaign"] == "free-them"
    assert event["data"]["signature"]["email"] == "anna@example.org"
    assert event["data"]["signature"]["petition"] == "stop-torture"
    assert "My private reason" not in receiver.requests[0]["body"].decode()
    headers = receiver.requests[0]["headers"]
    assert headers["Webhook-Id"] == event["id"] and headers["Webhook-Event"] == event["type"]
    assert receiver.requests[0]["path"] == "/hook"
    # A replayed request outside the window is refused by the receiver's check.
    assert receiver.verified(secret, now=int(headers["Webhook-Timestamp"]) + 301) == [False]
    assert run_worker() == 0 and len(receiver.requests) == 1


def _endpoint_with_event(app, url, campaign=None):
    campaign = campaign or create_campaign()
    endpoint, secret = operations.create_endpoint(campaign.id, url, list(operations.EVENTS))
    operations.queue_test(endpoint)
    db.session.commit()
    return endpoint, secret


def test_a_failing_receiver_is_retried_with_backoff_and_gets_the_event_once(
        app, receiver, private_allowed):
    clock.set_now(NOW)
    _endpoint, secret = _endpoint_with_event(app, receiver.url)
    receiver.answers = [500, 503]

    assert run_worker() == 0
    row = rows()[0]
    assert (row.status, row.attempts, row.last_status) == (DeliveryStatus.QUEUED, 1, 500)
    assert row.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert run_worker() == 0 and len(receiver.requests) == 1  # not due yet

    clock.set_now(NOW + dt.timedelta(seconds=30))
    assert run_worker() == 0
    row = rows()[0]
    assert row.attempts == 2 and row.next_attempt_at == clock.now() + dt.timedelta(seconds=60)

    clock.set_now(clock.now() + dt.timedelta(seconds=60))
    assert run_worker() == 1
    row = rows()[0]
    assert (row.status, row.attempts, row.last_status) == (DeliveryStatus.DELIVERED, 3, 200)
    assert run_worker() == 0
    assert len(receiver.requests) == 3
    assert len({r["headers"]["Webhook-Id"] for r in receiver.requests}) == 1
    # Each attempt is signed at its own time, inside the receiver's window.
    stamps = [int(r["headers"]["Webhook-Timestamp"]) for r in receiver.requests]
    assert stamps == sorted(stamps) and stamps[-1] - stamps[0] == 90
    assert receiver.verified(secret, now=NOW.timestamp() + 90) == [True] * 3


def test_after_the_last_try_the_delivery_is_failed(app, receiver, private_allowed):
    app.config["WEBHOOKS_MAX_ATTEMPTS"] = 2
    clock.set_now(NOW)
    _endpoint_with_event(app, receiver.url)
    receiver.answers = [500, 500, 500]
    run_worker()
    clock.set_now(NOW + dt.timedelta(hours=1))
    run_worker()
    clock.set_now(NOW + dt.timedelta(days=1))
    run_worker()
    assert rows()[0].status == DeliveryStatus.FAILED
    assert len(receiver.requests) == 2


def test_a_receiver_that_does_not_answer_in_time_is_retried(app, receiver, private_allowed):
    app.config["WEBHOOKS_TIMEOUT"] = 0.3
    _endpoint_with_event(app, receiver.url)
    receiver.answers = [("sleep", 1.0)]
    assert run_worker() == 0
    row = rows()[0]
    assert (row.status, row.last_status, row.last_error) == (
        DeliveryStatus.QUEUED, None, "timed out")


def test_redirects_are_not_followed(app, receiver, private_allowed):
    _endpoint_with_event(app, receiver.url)
    receiver.answers = [302]
    assert run_worker() == 0
    assert [r["path"] for r in receiver.requests] == ["/hook"]
    assert rows()[0].last_status == 302 and rows()[0].status == DeliveryStatus.QUEUED


def test_two_workers_never_take_the_same_delivery(app, receiver, private_allowed):
    campaign = create_campaign()
    endpoint, _secret = operations.create_endpoint(campaign.id, receiver.url, ["ping"])
    for _ in range(5):
        operations.queue_test(endpoint)
    db.session.commit()
    first = delivery.claim(3, "worker-a")
    second = delivery.claim(10, "worker-b")
    assert len(first) == 3 and len(second) == 2 and not set(first) & set(second)
    # A result is written only by the worker that holds the claim.
    assert delivery.deliver_one(first[0], "worker-b") == 0
    assert rows()[0].status == DeliveryStatus.SENDING
    assert delivery.deliver_one(first[0], "worker-a") == 1
    assert rows()[0].status == DeliveryStatus.DELIVERED


def test_the_worker_command_delivers_webhooks(app, runner, receiver, private_allowed):
    _endpoint_with_event(app, receiver.url)
    result = runner.invoke(args=["campaign", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert [e["type"] for e in receiver.events()] == ["ping"]
    assert json.loads(receiver.requests[0]["body"])["data"]


def test_two_workers_at_the_same_moment_deliver_each_event_once(app, receiver,
                                                                private_allowed):
    import threading

    app.config["WEBHOOKS_BATCH_SIZE"] = 3
    campaign = create_campaign()
    endpoint, _secret = operations.create_endpoint(campaign.id, receiver.url, ["ping"])
    for _ in range(12):
        operations.queue_test(endpoint)
    db.session.commit()
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            with app.app_context():
                start.wait()
                while delivery.deliver_due(clock.now()):
                    pass
                db.session.remove()
        except Exception as error:  # noqa: BLE001  reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    while run_worker():  # a worker that found SQLite busy stopped early: the rest now
        pass
    ids = [r["headers"]["Webhook-Id"] for r in receiver.requests]
    assert len(ids) == 12 and len(set(ids)) == 12
    assert {row.status for row in rows()} == {DeliveryStatus.DELIVERED}
