"""/organiser/mail: every message as sent (or as it would have been, without MAIL_SERVER)."""
import re

from campaign.extensions import db
from campaign.mailing import worker
from campaign.mailing.models import Delivery, MessageStatus, OutboxMessage
from tests.factories import create_campaign, create_organiser, log_in
from tests.mailing.helpers import queue, row_for, rows


def logged_in_client(app):
    """An owner of the campaign "mail-log", which every row of no campaign joins (the log
    shows only rows of the reader's campaigns)."""
    campaign = create_campaign(slug="mail-log", owners=[])
    db.session.execute(db.update(OutboxMessage).where(OutboxMessage.campaign_id.is_(None))
                       .values(campaign_id=campaign.id))
    db.session.commit()
    create_organiser()
    client = app.test_client()
    log_in(client)
    client.campaign_id = campaign.id
    return client


def test_the_mail_log_is_for_organisers_only(log_app):
    queue("ola@example.org")
    client = log_app.test_client()
    for path in ("/organiser/mail/", f"/organiser/mail/{rows()[0].id}",
                 f"/organiser/mail/{rows()[0].id}/body.html"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/organiser/login" in response.headers["Location"]
    assert client.post("/organiser/mail/campaign/1/test",
                       data={"to": "x@example.org"}).status_code == 302


def test_without_mail_server_messages_are_kept_in_the_log_and_shown(log_app, frozen_now):
    queue("ola@example.org", name="Ola")
    stats = worker.deliver_due(log_app)
    assert stats.logged == 1
    row = row_for("ola@example.org")
    assert row.status == MessageStatus.SENT and row.delivery == Delivery.LOG
    assert not row.was_delivered
    client = logged_in_client(log_app)

    listing = client.get("/organiser/mail/").get_data(as_text=True)
    assert "No mail server is configured" in listing
    assert "ola@example.org" in listing and "Logged in as Ola." in listing
    assert "mail log only" in listing

    page = client.get(f"/organiser/mail/{row.id}").get_data(as_text=True)
    for header in ("To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert f'<th scope="row">{header}</th>' in page
    assert row.message_id.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "Note for Ola" in page  # the text body
    assert "not delivered: no mail server is configured" in page
    assert re.search(r'<iframe class="mail-html" sandbox src="/organiser/mail/\d+/body.html"', page)
    assert "&lt;p&gt;Note for Ola&lt;/p&gt;" in page  # the HTML source, escaped


def test_html_bodies_are_shown_without_running_their_scripts(log_app):
    queue("ola@example.org")
    worker.deliver_due(log_app)
    row = row_for("ola@example.org")
    row.body_html = "<p>Hi</p><script>alert('x')</script>"
    db.session.commit()
    client = logged_in_client(log_app)

    page = client.get(f"/organiser/mail/{row.id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page

    framed = client.get(f"/organiser/mail/{row.id}/body.html")
    policy = framed.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy.split("; ")
    assert "script-src" not in policy  # falls back to 'none'
    assert framed.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_a_queued_message_is_not_rendered_so_no_fresh_link_is_made(log_app):
    queue("ola@example.org", name="Ola")
    client = logged_in_client(log_app)
    row = rows()[0]

    page = client.get(f"/organiser/mail/{row.id}").get_data(as_text=True)
    assert "Not sent yet" in page and "Note for Ola" not in page
    assert "/unsubscribe/" not in page
    assert client.get(f"/organiser/mail/{row.id}/body.html").status_code == 404
    assert rows()[0].status == MessageStatus.QUEUED  # looking does not send
    assert client.get("/organiser/mail/999999").status_code == 404


def test_the_log_shows_no_usable_link(log_app):
    queue("ola@example.org", name="Ola")
    worker.deliver_due(log_app)
    row = row_for("ola@example.org")
    assert "/en/unsubscribe/" in row.body_text  # what was sent carries the personal link
    client = logged_in_client(log_app)

    page = client.get(f"/organiser/mail/{row.id}").get_data(as_text=True)
    framed = client.get(f"/organiser/mail/{row.id}/body.html").get_data(as_text=True)
    for shown in (page, framed):
        assert "/unsubscribe/" not in shown
        assert "https://campaign.test/…" in shown
    assert "Note for Ola" in page  # the text is still there
    assert client.get(f"/organiser/mail/{row.id}").headers["Cache-Control"] == "no-store"


def test_filters_by_kind_status_address_and_campaign(log_app):
    campaign = create_campaign()
    queue("ola@example.org")
    queue("piotr@example.org", kind="test_receipt")
    queue("gone@example.org", gone=True)
    worker.deliver_due(log_app)
    queue("late_one@example.org")
    row_for("late_one@example.org").campaign_id = campaign.id
    db.session.commit()
    client = logged_in_client(log_app)

    def listed(query):
        page = client.get("/organiser/mail/?" + query).get_data(as_text=True)
        return sorted(set(re.findall(r">([\w.]+@example\.org)</a>", page)))

    assert listed("") == ["gone@example.org", "late_one@example.org", "ola@example.org",
                          "piotr@example.org"]
    assert listed("kind=test_receipt") == ["piotr@example.org"]
    assert listed("status=cancelled") == ["gone@example.org"]
    assert listed("status=queued") == ["late_one@example.org"]
    assert listed("q=OLA") == ["ola@example.org"]
    assert listed("q=_") == ["late_one@example.org"]  # no SQL wildcards
    assert listed(f"campaign={campaign.id}") == ["late_one@example.org"]
    assert listed("status=nonsense&page=-3&campaign=x") == listed("")
    assert listed("page=99999999999999999999&campaign=99999999999999999999") == listed("")
    assert client.get("/organiser/mail/99999999999999999999").status_code == 404


def test_the_log_is_paginated_newest_first(log_app):
    for number in range(55):
        queue(f"p{number:02d}@example.org")
    client = logged_in_client(log_app)

    first = client.get("/organiser/mail/").get_data(as_text=True)
    second = client.get("/organiser/mail/?page=2").get_data(as_text=True)

    addresses = re.findall(r">(p\d\d)@example\.org</a>", first)
    assert len(addresses) == 50 and addresses[0] == "p54" and addresses[-1] == "p05"
    assert re.findall(r">(p\d\d)@example\.org</a>", second) == [f"p0{n}" for n in range(4, -1, -1)]
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_an_organiser_can_send_a_test_message(log_app):
    client = logged_in_client(log_app)

    response = client.post(f"/organiser/mail/campaign/{client.campaign_id}/test",
                           data={"to": "me@example.org", "lang": "pl"})
    assert response.status_code == 302
    assert worker.deliver_due(log_app).logged == 1
    row = row_for("me@example.org")
    assert (row.kind, row.lang) == ("test_message", "pl")
    assert "Olga" in row.body_text and "List-Unsubscribe" in row.headers

    bad = client.post(f"/organiser/mail/campaign/{client.campaign_id}/test",
                      data={"to": "not an address", "lang": "en"})
    assert bad.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 1


def test_each_campaign_links_to_its_mail_log(log_app):
    campaign = create_campaign()
    client = logged_in_client(log_app)
    page = client.get("/organiser/").get_data(as_text=True)
    assert f'href="/organiser/mail/?campaign={campaign.id}"' in page


def test_the_log_names_kinds_in_words_and_shows_the_campaigns_clock(log_app, frozen_now):
    queue("ola@example.org", kind="test_message", lang="en")
    client = logged_in_client(log_app)  # the campaign's zone: Europe/Brussels
    listing = client.get("/organiser/mail/").get_data(as_text=True)
    # Created at 09:00 UTC on 1 December: 10:00 in Brussels.
    assert "1 December 2026, 10:00 CET" in listing and "UTC" not in listing
    assert "<td>Test message</td>" in listing and "<td>test_message</td>" not in listing
    assert '<option value="test_message">Test message</option>' in listing
    page = client.get(f"/organiser/mail/{rows()[0].id}").get_data(as_text=True)
    assert "Test message" in page and "10:00 CET" in page
