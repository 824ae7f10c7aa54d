"""Retention: the worker's scheduling steps erase personal data once its purpose is over,
and keep the figures (tests move the clock, then run the steps as the worker does)."""
import datetime as dt

import sqlalchemy as sa

from campaign import clock, create_app
from campaign.events import queries as event_queries, rsvps as rsvp_writes
from campaign.events.models import Rsvp
from campaign.extensions import db
from campaign.mailing import operations as mailing_operations, scheduling, worker
from campaign.mailing.models import MessageStatus, OutboxMessage, Suppression
from campaign.mailing.queries import is_suppressed
from campaign.petitions import counter, operations as petition_operations, stats
from campaign.petitions.models import Signature
from tests.conftest import BASE_CONFIG
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign
from tests.mailing.helpers import queue, row_for, with_test_templates
from tests.petitions.helpers import create_petition

DAY = dt.timedelta(days=1)


def run_steps():
    scheduling.run_steps(every_step=True)
    db.session.expire_all()


def test_the_settings_have_documented_defaults_and_come_from_the_environment(monkeypatch):
    app = create_app(BASE_CONFIG)
    assert (app.config["RETAIN_MAIL_DAYS"], app.config["RETAIN_RSVP_DAYS"],
            app.config["RETAIN_SIGNATURE_DAYS"], app.config["RETAIN_IP_HASH_DAYS"]) == (
        30, 90, 183, 30)
    monkeypatch.setenv("CAMPAIGN_RETAIN_MAIL_DAYS", "14")
    assert create_app(BASE_CONFIG).config["RETAIN_MAIL_DAYS"] == 14


def test_sent_mail_loses_address_and_body_after_30_days_queued_mail_is_kept(make_app):
    app = with_test_templates(make_app())
    with app.app_context():
        clock.set_now(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
        queue("ola@example.org", name="Ola")
        worker.deliver_due(app)
        queue("later@example.org", name="Later", due_at=clock.now() + 60 * DAY)
        clock.advance(29 * DAY)
        run_steps()
        assert row_for("ola@example.org").body_text is not None
        clock.advance(2 * DAY)
        run_steps()
        rows = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()
        sent, queued = rows
        assert sent.status == MessageStatus.SENT and sent.to_address == "(erased)"
        assert (sent.body_text, sent.body_html, sent.headers, sent.payload) == (None, None,
                                                                               None, {})
        assert sent.sent_at is not None and sent.kind == "test_note"  # the figures stay
        assert queued.to_address == "later@example.org" and queued.status == "queued"
        db.session.remove()


def test_rsvps_of_past_events_lose_name_and_address_after_90_days_figures_stay(app):
    clock.set_now(BEFORE)
    event = create_event(create_campaign(), capacity=10)
    came = rsvp(event, email="ala@example.org", guests=1)
    gone = rsvp(event, email="olga@example.org")
    rsvp_writes.cancel_rsvp(gone, notify=False)
    rsvp_writes.set_check_in(came, True)
    db.session.commit()
    before = event_queries.totals(event)
    assert (before.confirmed_seats, before.cancelled_people, before.checked_in) == (2, 1, 1)

    clock.set_now(event.ends_at + 89 * DAY)
    run_steps()
    assert {r.email for r in db.session.scalars(sa.select(Rsvp))} == {
        "ala@example.org", "olga@example.org"}
    clock.set_now(event.ends_at + 91 * DAY)
    run_steps()
    erased = db.session.scalars(sa.select(Rsvp)).all()
    assert all(r.name == "" and r.email.endswith("@erased.invalid") and r.erased_at
               for r in erased)
    assert event_queries.totals(event) == before


def test_signatures_lose_personal_data_183_days_after_the_petition_closes(app):
    clock.set_now(dt.datetime(2026, 1, 10, tzinfo=dt.UTC))
    petition = create_petition()
    for n, country in enumerate(("PL", "PL", "KZ")):
        petition_operations.record_verified_signature(
            petition, name=f"Signer {n}", email=f"s{n}@example.org", country=country,
            lang="en")
    db.session.execute(sa.update(Signature).values(ip_hash="f" * 32, comment="Free them"))
    petition_operations.close_petition(petition)
    db.session.commit()
    by_country, per_day = stats.by_country(petition), stats.verified_per_day(petition, petition.campaign.timezone)

    clock.advance(31 * DAY)
    run_steps()
    assert all(s.ip_hash is None and s.name for s in db.session.scalars(sa.select(Signature)))
    clock.advance(183 * DAY)
    run_steps()
    signatures = db.session.scalars(sa.select(Signature)).all()
    assert all(s.name == "" and "example.org" not in s.email and s.comment is None
               and s.erased_at for s in signatures)
    assert counter.count(petition.id, fresh=True) == 3
    assert stats.by_country(petition) == by_country
    assert stats.verified_per_day(petition, petition.campaign.timezone) == per_day


def test_unconfirmed_signatures_go_with_their_mail(app, client):
    from tests.petitions.helpers import sign

    clock.set_now(dt.datetime(2026, 1, 10, tzinfo=dt.UTC))
    petition = create_petition()
    sign(client, petition)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 1
    clock.advance(9 * DAY)
    run_steps()
    assert db.session.scalars(sa.select(Signature)).all() == []
    assert db.session.scalars(sa.select(OutboxMessage)).all() == []


def test_an_unsubscribe_survives_the_erasure_of_everything_else(app):
    clock.set_now(BEFORE)
    event = create_event(create_campaign())
    rsvp(event, email="ala@example.org")
    mailing_operations.unsubscribe("Ala@Example.org")
    db.session.commit()
    clock.set_now(event.ends_at + 100 * DAY)
    run_steps()
    assert "ala@example.org" not in {r.email for r in db.session.scalars(sa.select(Rsvp))}
    assert is_suppressed("ala@example.org")
    assert "ala" not in db.session.scalar(sa.select(Suppression.address_hash))
