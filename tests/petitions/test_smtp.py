"""Double opt-in end to end through the mail worker and a real SMTP server."""
import re

import pytest

from campaign.petitions import counter
from tests.petitions.helpers import create_petition, sign_data

worker = pytest.importorskip("campaign.mailing.worker",
                             reason="needs the mail worker (the mail branch)")
smtp = pytest.importorskip("tests.smtp", reason="needs the SMTP test server (the mail branch)")


@pytest.fixture
def server():
    running = smtp.SMTPServer().start()
    yield running
    running.stop()


def test_the_link_that_arrives_by_mail_verifies_the_signature(make_app, server):
    app = make_app(**server.config)
    with app.app_context():
        petition = create_petition()
        petition_id = petition.id
    client = app.test_client()
    response = client.post("/ru/petitions/stop-torture/sign",
                           data=sign_data(name="Ольга Кравец", email="Olga@Example.org"))
    assert response.status_code == 302
    with app.app_context():
        worker.deliver_due(app)

    [message] = server.messages
    assert message["To"] == "olga@example.org"
    text = message.get_body(("plain",)).get_content()
    assert "Ольга Кравец" in text
    link = re.search(r"https://campaign\.test(/ru/petitions/stop-torture/verify/\S+)", text)
    html = message.get_body(("html",)).get_content()
    assert link.group(0) in html

    thanks = client.post(link.group(1))
    assert thanks.status_code == 200
    with app.app_context():
        assert counter.count(petition_id, fresh=True) == 1
    assert client.post(link.group(1)).status_code == 200  # followed again: thanked again
    with app.app_context():
        assert counter.count(petition_id, fresh=True) == 1
