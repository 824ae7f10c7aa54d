"""Only public http(s) addresses: refused when an owner saves them and again at delivery."""
import pytest

from campaign.extensions import db
from campaign.webhooks import operations, ssrf
from campaign.webhooks.models import DeliveryStatus
from tests.factories import create_campaign, create_organiser, log_in
from tests.webhooks.helpers import add_endpoint, endpoints, rows, run_worker

REFUSED = ["http://127.0.0.1/hook", "http://127.1/hook", "http://2130706433/hook",
           "http://10.1.2.3/hook", "http://192.168.0.10/", "http://172.16.5.4/",
           "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook",
           "http://[::ffff:127.0.0.1]/hook", "http://localhost:8080/hook",
           "http://0.0.0.0/", "http://100.64.0.1/", "http://[fe80::1]/", "http://[fc00::1]/",
           "http://224.0.0.1/", "http://[64:ff9b::7f00:1]/"]


@pytest.mark.parametrize("url", REFUSED)
def test_private_and_loopback_addresses_are_refused_when_saved(app, url):
    campaign = create_campaign()
    create_organiser("owner@example.org")
    owner = app.test_client()
    log_in(owner, "owner@example.org")
    response, secret = add_endpoint(owner, campaign, url)
    assert response.status_code == 400 and secret is None
    assert "private network" in response.get_data(as_text=True)
    assert endpoints() == []


@pytest.mark.parametrize("url, message", [
    ("ftp://example.org/hook", "Only http:// and https://"),
    ("file:///etc/passwd", "Only http:// and https://"),
    ("http://user:secret@127.0.0.1/", "user name and password"),
    ("http://", "not a valid address"),
    ("http://[::1/", "not a valid address"),
    ("http://no-such-host.invalid/", "does not resolve"),
])
def test_other_schemes_credentials_and_unknown_hosts_are_refused(app, url, message):
    with app.test_request_context():
        with pytest.raises(ssrf.Refused) as refused:
            ssrf.resolve(url)
        assert message in str(refused.value.reason)


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:4700::1111", True), ("127.0.0.1", False),
    ("10.0.0.1", False), ("169.254.169.254", False), ("::1", False),
    ("::ffff:10.0.0.1", False), ("::ffff:93.184.216.34", True), ("fd00::1", False),
    ("2002:7f00:1::", False), ("255.255.255.255", False), ("240.0.0.1", False),
    ("ff02::1", False), ("::", False),
])
def test_which_addresses_are_public(address, public):
    assert ssrf.is_public(address) is public


def test_a_host_that_turns_private_after_it_was_saved_gets_nothing(app, receiver):
    """DNS rebinding: the check runs again on every delivery, on what the name resolves to
    then, and the connection goes to the address that was checked."""
    campaign = create_campaign()
    endpoint, _secret = operations.create_endpoint(campaign.id, receiver.url, ["ping"])
    operations.queue_test(endpoint)
    db.session.commit()
    assert app.config["WEBHOOKS_ALLOW_PRIVATE"] is False
    assert run_worker() == 0
    assert receiver.requests == []
    row = rows()[0]
    assert row.status == DeliveryStatus.QUEUED and "private network" in row.last_error


def test_the_setting_allows_private_addresses(app, receiver, private_allowed):
    campaign = create_campaign()
    create_organiser("owner@example.org")
    owner = app.test_client()
    log_in(owner, "owner@example.org")
    response, secret = add_endpoint(owner, campaign, "http://localhost:%d/hook" % receiver.port)
    assert response.status_code == 200 and secret


def test_a_host_name_reaches_the_checked_address_it_resolves_to(app, receiver, private_allowed):
    """localhost resolves to ::1 and 127.0.0.1; the receiver listens on the second only."""
    campaign = create_campaign()
    endpoint, _secret = operations.create_endpoint(
        campaign.id, f"http://localhost:{receiver.port}/hook?source=campaign", ["ping"])
    operations.queue_test(endpoint)
    db.session.commit()
    assert run_worker() == 1
    [request] = receiver.requests
    assert request["path"] == "/hook?source=campaign"
    assert request["headers"]["Host"] == f"localhost:{receiver.port}"
