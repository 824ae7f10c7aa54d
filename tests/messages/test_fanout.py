"""A sent message reaches its audience: each person once, in their language, never the
unsubscribed, at the chosen time; the fan-out streams in chunks and survives crashes and
a second worker."""
import datetime as dt
import threading

import pytest

from campaign import clock
from campaign.extensions import db
from campaign.mailing import operations as mailing_operations
from campaign.messages import audiences, fanout, operations
from campaign.messages.audiences import Audience
from campaign.messages.models import MessageState
from campaign.organisers.models import Organiser
from tests.factories import create_campaign, create_organiser
from tests.mailing.helpers import is_postgres
from tests.messages.helpers import (many_signers, message, outbox_counts, outbox_rows, run_worker,
                                    signer)
from tests.petitions.helpers import create_petition


def draft(campaign, audience, scope_id, **texts):
    created = operations.create_message(
        campaign, audience=audience, scope_id=scope_id, publish_as_update=False,
        texts=texts or {"en": {"subject": "News", "body": "Read **this**."}})
    db.session.commit()
    return created


def send_now(message_, at=None):
    organiser = db.session.scalar(db.select(Organiser)) or create_organiser()
    assert operations.request_send(message_, send_at=at, organiser=organiser)
    db.session.commit()


def test_everyone_counted_receives_it_once_in_their_language(smtp_app, smtp_server):
    campaign = create_campaign()  # default language: English
    petition = create_petition(campaign)
    signer(petition, "anna@example.org", lang="en")
    signer(petition, "olga@example.org", lang="ru")
    signer(petition, "ewa@example.org", lang="pl")  # no Polish text: the default, English
    signer(petition, "quiet@example.org", updates=False)
    signer(petition, "gone@example.org")
    mailing_operations.unsubscribe("gone@example.org")
    db.session.commit()
    message_ = draft(campaign, Audience.PETITION_SIGNERS, petition.id,
                     en={"subject": "The petition was delivered", "body": "Thank you."},
                     ru={"subject": "Петиция вручена", "body": "Спасибо."})
    counted = audiences.count(Audience.PETITION_SIGNERS, petition.id)
    send_now(message_)

    run_worker(smtp_app)

    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert subjects == {"anna@example.org": "The petition was delivered",
                        "ewa@example.org": "The petition was delivered",
                        "olga@example.org": "Петиция вручена"}
    assert len(smtp_server.messages) == counted == 3
    olga = smtp_server.to("olga@example.org")[0]
    assert olga["Content-Language"] == "ru" and "Спасибо." in olga.get_body(
        ("plain",)).get_content()
    assert olga["List-Unsubscribe"], "organiser messages carry a one-click unsubscribe"
    ewa = smtp_server.to("ewa@example.org")[0]
    assert ewa["Content-Language"] == "en", "wholly in the default language, footer included"


def test_a_message_about_their_signature_reaches_those_who_did_not_opt_in(smtp_app,
                                                                          smtp_server):
    campaign = create_campaign()
    petition = create_petition(campaign)
    signer(petition, "quiet@example.org", updates=False)
    send_now(draft(campaign, Audience.PETITION_ALL_SIGNERS, petition.id))
    run_worker(smtp_app)
    assert [m["To"] for m in smtp_server.messages] == ["quiet@example.org"]


def test_the_count_about_their_signature_leaves_out_the_unsubscribed(smtp_app, smtp_server):
    """The worker never mails an unsubscribed address an organiser message (the compose page
    says so): the number shown before sending must not count them either."""
    campaign = create_campaign()
    petition = create_petition(campaign)
    signer(petition, "quiet@example.org", updates=False)
    signer(petition, "gone@example.org")
    mailing_operations.unsubscribe("gone@example.org")
    db.session.commit()
    counted = audiences.count(Audience.PETITION_ALL_SIGNERS, petition.id)
    send_now(draft(campaign, Audience.PETITION_ALL_SIGNERS, petition.id))
    run_worker(smtp_app)
    assert [m["To"] for m in smtp_server.messages] == ["quiet@example.org"]
    assert counted == 1


def test_script_in_the_markdown_never_reaches_anyone(smtp_app, smtp_server):
    campaign = create_campaign()
    petition = create_petition(campaign)
    signer(petition, "anna@example.org")
    send_now(draft(campaign, Audience.PETITION_SIGNERS, petition.id, en={
        "subject": "Hi", "body": "Hello <script>alert('x')</script> "
                                 "[link](javascript:alert(1)) **friend**"}))
    run_worker(smtp_app)
    html = smtp_server.messages[0].get_body(("html",)).get_content()
    assert "<strong>friend</strong>" in html
    assert "<script" not in html and "javascript:" not in html


def test_a_scheduled_message_waits_for_its_time(smtp_app, smtp_server, frozen_now):
    campaign = create_campaign()
    petition = create_petition(campaign)
    signer(petition, "anna@example.org")
    message_ = draft(campaign, Audience.PETITION_SIGNERS, petition.id)
    send_now(message_, at=frozen_now + dt.timedelta(hours=2))

    run_worker(smtp_app)
    assert smtp_server.messages == [] and outbox_rows() == []
    assert message(message_.id).state == MessageState.SCHEDULED

    clock.advance(dt.timedelta(hours=2))
    run_worker(smtp_app)
    assert [m["To"] for m in smtp_server.messages] == ["anna@example.org"]


def test_a_cancelled_message_is_never_sent(smtp_app, smtp_server, frozen_now):
    campaign = create_campaign()
    petition = create_petition(campaign)
    signer(petition, "anna@example.org")
    message_ = draft(campaign, Audience.PETITION_SIGNERS, petition.id)
    send_now(message_, at=frozen_now + dt.timedelta(hours=1))
    assert operations.cancel(message_)
    db.session.commit()
    clock.advance(dt.timedelta(hours=2))
    run_worker(smtp_app)
    assert smtp_server.messages == []


def test_the_fan_out_streams_in_chunks_and_resumes_where_it_stopped(make_app):
    app = make_app(MESSAGES_FANOUT_CHUNK=1000)
    with app.app_context():
        campaign = create_campaign()
        petition = create_petition(campaign)
        many_signers(petition, 20_000)
        message_ = draft(campaign, Audience.PETITION_SIGNERS, petition.id)
        send_now(message_)

        # One chunk per call here (a worker that dies after each commit).
        for chunk in range(1, 4):
            assert fanout.fan_out(message_.id, max_chunks=1) == 1000
            state = message(message_.id)
            assert outbox_counts() == (chunk * 1000, chunk * 1000)
            assert state.enqueued_count == chunk * 1000
            assert state.fanout_after == f"signer{chunk * 1000 - 1:06d}@example.org"
            assert state.state == MessageState.SENDING

        # A crash between writing a chunk and recording it: that chunk is written again.
        state.fanout_after = "signer001999@example.org"
        db.session.commit()
        assert fanout.fan_out(message_.id) == 17_000
        assert outbox_counts() == (20_000, 20_000)
        assert message(message_.id).state == MessageState.SENT
        assert message(message_.id).enqueued_count == 20_000
        assert fanout.send_due_messages(clock.now()) == 0
        db.session.remove()


def test_two_workers_enqueue_each_person_once(make_app):
    app = make_app(MESSAGES_FANOUT_CHUNK=250)
    with app.app_context():
        if not is_postgres():
            pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
        campaign = create_campaign()
        petition = create_petition(campaign)
        many_signers(petition, 3000)
        message_ = draft(campaign, Audience.PETITION_SIGNERS, petition.id)
        send_now(message_)
        written, start = [], threading.Barrier(2)

        def worker():
            with app.app_context():
                start.wait()
                written.append(fanout.send_due_messages(clock.now()))
                db.session.commit()
                db.session.remove()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert outbox_counts() == (3000, 3000)
        assert sum(written) == 3000 == message(message_.id).enqueued_count
        db.session.remove()
