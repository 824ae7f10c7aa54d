"""An owner connects the campaign's CRM: adds an endpoint, keeps the secret shown once, sends a
test event, and the CRM receives a signer's confirmation, signed."""
import re
import time

from tests.e2e.conftest import check_accessibility, link_in, login, t
from tests.e2e.test_petition_journeys import PETITION, sign
from tests.webhooks.helpers import Receiver


def _wait(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the worker did not deliver in time"
        time.sleep(0.2)


def test_an_owner_connects_a_crm_that_receives_signed_events(visit, live_server, mailbox):
    receiver = Receiver()
    try:
        owner = visit()
        login(owner, live_server)
        check_accessibility(owner)
        owner.locator("section.campaign-card").filter(has_text="Kazakhstan").get_by_role(
            "link", name="Webhooks").click()
        owner.wait_for_url(re.compile(r"/organiser/webhooks/campaign/\d+$"))
        check_accessibility(owner)
        owner.get_by_label("Address (URL) that receives the events", exact=True).fill(
            receiver.url)
        owner.get_by_label("A signature is confirmed", exact=True).check()
        owner.get_by_role("button", name="Add the endpoint").click()
        secret = owner.locator("#new-secret code").inner_text()
        assert secret.startswith("whsec_")
        check_accessibility(owner)

        owner.get_by_role("link", name=receiver.url).click()
        owner.wait_for_url(re.compile(r"/organiser/webhooks/\d+$"))
        check_accessibility(owner)
        owner.get_by_role("button", name="Send a test event").click()
        owner.get_by_text("Test event queued.").wait_for()
        check_accessibility(owner)
        _wait(lambda: len(receiver.requests) == 1)
        assert receiver.events()[0]["type"] == "ping"
        owner.reload()
        owner.get_by_role("cell", name="Delivered").wait_for()
        check_accessibility(owner)

        email = "webhook-signer@example.org"
        signer = visit()
        signer.goto(f"{live_server.url}/en/petitions/{PETITION}")
        check_accessibility(signer)
        sign(signer, "en", "Rosa Parks", email)
        signer.goto(link_in(mailbox.wait(email), rf"^/en/petitions/{PETITION}/verify/"))
        check_accessibility(signer)
        signer.get_by_role("button", name=t("en", "Confirm my signature")).click()
        signer.get_by_role("heading", name=t("en", "Thank you: your signature counts")).wait_for()
        check_accessibility(signer)

        _wait(lambda: len(receiver.requests) == 2)
        event = receiver.events()[1]
        assert event["type"] == "signature.verified" and event["data"]["signature"][
            "email"] == email
        assert receiver.verified(secret) == [True, True]
    finally:
        receiver.close()
