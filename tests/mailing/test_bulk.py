"""Bulk sends: one message to many, rendered once per group, recorded in chunks."""
import collections
import os
from urllib.parse import urlsplit

import pytest

from campaign.core import addresses
from campaign.extensions import db
from campaign.mailing import outbox, recording, worker
from campaign.mailing.links import address_key
from campaign.mailing.models import Delivery, MessageStatus, Suppression
from tests.mailing.helpers import row_for, rows

PAYLOAD = {"name": "Zhanaozen"}


def queue_bulk(addresses, lang="en", kind="test_note", payload=PAYLOAD):
    """One message to many, as an organiser's send leaves it: same kind, language, payload."""
    for number, address in enumerate(addresses):
        outbox.enqueue(kind, to=address, lang=lang, payload=payload,
                       key=f"bulk:{kind}:{sorted(payload.values())}:{lang}:{number}")
    db.session.commit()


def link_in(text):
    return next(word for word in text.split() if "/unsubscribe/" in word).strip("<>\"'")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_recipient_of_a_bulk_send_gets_their_own_working_unsubscribe_link(
        mail_app, smtp_server, lang):
    addresses = [f"supporter{number}@example.org" for number in range(6)]
    queue_bulk(addresses, lang=lang)

    assert worker.deliver_due(mail_app).sent == 6

    messages = {m["To"]: m for m in smtp_server.messages}
    assert sorted(messages) == addresses
    assert len({m["Message-ID"] for m in messages.values()}) == 6
    links = {}
    for address, message in messages.items():
        header = message["List-Unsubscribe"].strip("<>")
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "Note for Zhanaozen" in text and "<p>Note for Zhanaozen</p>" in html
        assert link_in(text) == header and header in html  # the same personal link
        links[address] = header
        logged = row_for(address)  # the mail log keeps what this recipient got
        assert link_in(logged.body_text) == header and header in logged.body_html
        assert logged.headers["List-Unsubscribe"] == f"<{header}>"
        assert logged.headers["To"] == address
    assert len(set(links.values())) == 6
    # The third recipient's link unsubscribes the third recipient, nobody else.
    response = mail_app.test_client().post(urlsplit(links[addresses[2]]).path)
    assert response.status_code == 200
    assert db.session.scalars(db.select(Suppression.address_hash)).all() == [
        address_key(addresses[2])]
    queue_bulk(addresses, lang=lang, payload={"name": "again"})
    assert worker.deliver_due(mail_app).suppressed == 1
    assert row_for(addresses[2]).status == MessageStatus.SENT  # the first message was sent


def test_a_bulk_send_with_one_refused_recipient_sends_every_other_once(mail_app,
                                                                      smtp_server):
    addresses = [f"p{number}@example.org" for number in range(30)]
    smtp_server.reject("p7@example.org")
    queue_bulk(addresses)

    stats = worker.deliver_due(mail_app)

    assert (stats.sent, stats.failed) == (29, 1)
    received = collections.Counter(m["To"] for m in smtp_server.messages)
    assert set(received.values()) == {1} and len(received) == 29
    assert "p7@example.org" not in received
    assert row_for("p7@example.org").last_error.startswith("550")
    assert worker.deliver_due(mail_app).claimed == 0


def test_results_are_committed_in_chunks_and_all_recorded(make_app, smtp_server):
    from tests.mailing.helpers import with_test_templates

    app = with_test_templates(make_app(MAIL_RECORD_EVERY=7, **smtp_server.config))
    with app.app_context():
        queue_bulk([f"p{number}@example.org" for number in range(20)])
        assert worker.deliver_due(app).sent == 20
        assert {(r.status, r.delivery, r.attempts) for r in rows()} == {
            (MessageStatus.SENT, Delivery.SMTP, 1)}
        assert not list(recording.journal_folder().glob("*")), "the journal was not removed"


def test_what_a_killed_worker_journalled_is_recorded_not_sent_again(mail_app, smtp_server):
    addresses = [f"p{number}@example.org" for number in range(5)]
    queue_bulk(addresses)
    claimed = worker.claim(10, "killed-worker")
    # The killed worker sent the first three and journalled them, then died before its
    # chunk reached the database (its journal is left behind, no longer locked).
    recorder = recording.Recorder("killed-worker", every=100)
    for row in claimed[:3]:
        recorder.add(row.id, {"status": MessageStatus.SENT, "lease_until": None,
                              "delivery": Delivery.SMTP, "attempts": 1})
    os.close(recorder.fd.number)
    assert {r.status for r in rows()} == {MessageStatus.SENDING}

    assert worker.deliver_due(mail_app).claimed == 0  # the others' lease still holds
    assert [r.status for r in rows()] == [MessageStatus.SENT] * 3 + [MessageStatus.SENDING] * 2
    assert not list(recording.journal_folder().glob("*.journal"))
    assert smtp_server.messages == []


@pytest.mark.parametrize("address", ["A.B@Example.ORG", "a+tag@sub.example.org",
                                     "a@xn--mller-kva.de", "a..b@example.org", " a@b.org ",
                                     "\"quoted\"@example.org", "żółw@example.org", ""])
def test_the_quick_normal_form_is_email_validators(address):
    try:
        expected = addresses.validated(address)
    except addresses.EmailNotValidError:
        expected = address.strip().lower()
    assert addresses.normalise(address) == expected


@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_a_bulk_group_is_rendered_once_and_its_messages_match_the_one_by_one_build(
        mail_app, lang):
    """The cheap path (bytes with the personal parts substituted) is taken, and gives what
    message.build gives (the worker checks this on each group's first row and falls back)."""
    from campaign.mailing.batch import Preparer, _slow
    from campaign.mailing.skeleton import equivalent

    queue_bulk([f"p{number}@example.org" for number in range(3)], lang=lang,
               kind="test_message", payload={"requested_by": "Olga",
                                             "requested_at": "2026-12-16T10:00:00+00:00"})
    claimed = worker.claim(10, "me")
    preparer = Preparer(claimed)
    prepared = [preparer.prepare(row) for row in claimed]
    [group] = preparer.groups.values()
    [shape] = preparer.shapes.values()
    assert shape, "the bulk group fell back to building one by one"
    last = claimed[-1]
    url = preparer.links.url(last.to_address, lang)
    assert equivalent(_slow(last, group.rendered_for(last, url), url).data, prepared[-1].data)
    assert prepared[-1].content["headers"]["To"] == last.to_address


def test_a_batch_claims_no_more_than_its_size(mail_app, smtp_server):
    queue_bulk([f"p{number}@example.org" for number in range(30)])

    first = worker.deliver_due(mail_app, limit=12)

    assert (first.claimed, first.sent, len(smtp_server.messages)) == (12, 12, 12)
    assert collections.Counter(r.status for r in rows()) == {MessageStatus.SENT: 12,
                                                            MessageStatus.QUEUED: 18}
