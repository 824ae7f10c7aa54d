"""The counter: read without the signature table, exact after verification, repairable."""
import datetime as dt
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from campaign import clock
from campaign.extensions import db
from campaign.petitions import counter, operations, queries
from campaign.petitions.models import PetitionCounterShard, Signature
from tests.petitions.helpers import create_petition, link_in, outbox, sign

_SIGNATURE_TABLE = re.compile(r"\bsignature\b", re.I)


@contextmanager
def statements():
    """Every SQL statement sent to the database inside the block."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def verified_signatures(petition, n, start=0):
    for i in range(start, start + n):
        operations.record_verified_signature(petition, name=f"Person {i}",
                                             email=f"p{i}@example.org", country="PL", lang="en")
    db.session.commit()


def test_reading_the_count_does_not_query_the_signature_table(app):
    petition = create_petition()
    verified_signatures(petition, 5)
    petition.goal  # noqa: B018  (load the petition itself before counting statements)
    with statements() as sql:
        assert counter.count(petition.id, fresh=True) == 5
        assert queries.progress(petition, fresh=True).count == 5
        assert counter.counts([petition.id]) == {petition.id: 5}
    assert sql, "the count was read from somewhere"
    assert not [s for s in sql if _SIGNATURE_TABLE.search(s)], sql
    assert all("petition_counter_shard" in s for s in sql)


def test_a_warm_petition_page_does_not_query_the_signature_table(client, app):
    petition = create_petition()
    verified_signatures(petition, 3)
    client.get("/en/petitions/stop-torture")  # fills the per-process cache
    with statements() as sql:
        html = client.get("/en/petitions/stop-torture").get_data(as_text=True)
    assert "3 signatures" in html
    assert not [s for s in sql if _SIGNATURE_TABLE.search(s)], sql


def test_verifications_spread_over_shards_and_sum_exactly(app):
    petition = create_petition()
    verified_signatures(petition, 40)
    shards = db.session.scalars(db.select(PetitionCounterShard)
                                .where(PetitionCounterShard.petition_id == petition.id)).all()
    assert len(shards) == counter.SHARDS
    assert sum(s.count for s in shards) == 40
    assert max(s.count for s in shards) < 40  # not one hot row


def test_the_count_a_visitor_sees_is_at_most_a_little_behind(client, app, frozen_now):
    petition = create_petition()
    sign(client, petition)
    thanks = client.post(link_in(outbox()[0])).get_data(as_text=True)
    assert "1 signature" in thanks  # the thank-you page counts the person who verified
    assert "1 signature" in client.get("/en/petitions/stop-torture").get_data(as_text=True)

    verified_signatures(petition, 2)  # verified in another process, say
    clock.advance(dt.timedelta(seconds=16))
    assert "3 signatures" in client.get("/en/petitions/stop-torture").get_data(as_text=True)


def test_reconcile_repairs_drift(app):
    petition = create_petition()
    verified_signatures(petition, 7)
    db.session.execute(db.update(PetitionCounterShard)
                       .where(PetitionCounterShard.petition_id == petition.id)
                       .values(count=PetitionCounterShard.count + 3))
    db.session.commit()
    assert counter.count(petition.id, fresh=True) == 7 + 3 * counter.SHARDS
    assert counter.reconcile(petition.id) == (7 + 3 * counter.SHARDS, 7)
    db.session.commit()
    assert counter.count(petition.id, fresh=True) == 7
    assert counter.reconcile(petition.id) == (7, 7)


def test_reconcile_recreates_missing_shards(app):
    petition = create_petition()
    verified_signatures(petition, 4)
    db.session.execute(db.delete(PetitionCounterShard))
    db.session.commit()
    assert counter.count(petition.id, fresh=True) == 0
    counter.reconcile(petition.id)
    db.session.commit()
    assert counter.count(petition.id, fresh=True) == 4


def test_the_reconcile_command_reports_and_repairs(app, runner):
    petition = create_petition()
    other = create_petition(campaign=petition.campaign, slug="other",
                            texts={"en": {"title": "Other", "text": "x"}})
    verified_signatures(petition, 2)
    db.session.execute(db.delete(Signature).where(Signature.id == db.select(
        db.func.min(Signature.id)).scalar_subquery()))  # a row removed behind the counter's back
    db.session.commit()
    result = runner.invoke(args=["campaign", "reconcile-counts"])
    assert result.exit_code == 0, result.output
    assert "stop-torture: 1 verified signatures, repaired (was 2)" in result.output
    assert "other: 0 verified signatures, ok" in result.output
    assert counter.count(petition.id, fresh=True) == 1
    assert counter.count(other.id, fresh=True) == 0


@pytest.mark.parametrize("verified, goal, shown", [
    (0, 100, 100), (99, 100, 100), (100, 100, 500), (499, 100, 500), (500, 100, 1000),
    (1000, 100, 5000), (7_000, 100, 10_000), (10_000, 100, 50_000), (50_000, 100, 100_000),
    (999_999, 100, 1_000_000), (1_000_000, 100, 5_000_000), (10, 1000, 1000),
    (1000, 1000, 5000), (800, 750, 1000), (3, 2500, 2500),
])
def test_the_goal_steps_up_once_reached(verified, goal, shown):
    assert counter.next_goal(verified, goal) == shown
