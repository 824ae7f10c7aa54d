"""The count of verified signatures: sharded, read without touching the signature table.

UK Parliament petitions went down at ~33 signatures per second in 2019 while every
signature updated one counter row. Here each petition has ``SHARDS`` rows in
``petition_counter_shard``; verifying a signature adds 1 to a random one (``UPDATE … SET
count = count + 1``) in the same transaction as the signature's change, so concurrent
verifications mostly lock different rows and the sum is exact at every commit.

Reading is ``SUM(count)`` over at most ``SHARDS`` rows found by primary key: as fast at 1M
signatures as at 1k. A process keeps the sum for ``PETITION_COUNT_CACHE_SECONDS`` (15 s by
default, so a visitor is never more than a minute behind); the thank-you page reads fresh,
so it already counts the person who has just verified.

``reconcile`` recomputes from the rows and repairs any drift (``flask campaign
reconcile-counts``), e.g. after someone edited signatures with SQL.
"""
import random

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.core.database import insert_ignoring_conflicts
from campaign.extensions import db
from campaign.petitions.config import setting
from campaign.petitions.models import PetitionCounterShard, Signature, SignatureState

SHARDS = 16
_shard = PetitionCounterShard.__table__

#: The goals a petition steps through once its own goal is reached.
_STEP_FACTORS = (1, 5)


def create_shards(petition_id: int) -> None:
    """Give a petition its shard rows (those that already exist are kept)."""
    rows = [{"petition_id": petition_id, "shard": n, "count": 0} for n in range(SHARDS)]
    db.session.execute(insert_ignoring_conflicts(_shard, ("petition_id", "shard")), rows)


def add(petition_id: int, delta: int) -> None:
    """Add *delta* (negative to subtract) to the count, in the caller's transaction."""
    if delta == 0:
        return
    statement = (_shard.update()
                 .where(_shard.c.petition_id == petition_id,
                        _shard.c.shard == random.randrange(SHARDS))
                 .values(count=_shard.c.count + delta))
    if db.session.execute(statement).rowcount == 0:  # a petition made without its shards
        create_shards(petition_id)
        db.session.execute(statement)


def count(petition_id: int, fresh: bool = False) -> int:
    """The verified count; up to PETITION_COUNT_CACHE_SECONDS old unless *fresh*."""
    cache = current_app.extensions.setdefault("petition_counts", {})
    ttl = setting("PETITION_COUNT_CACHE_SECONDS")
    moment = clock.now()
    if not fresh and ttl > 0:
        hit = cache.get(petition_id)
        if hit is not None and hit[0] > moment.timestamp():
            return hit[1]
    value = int(db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(_shard.c.count), 0))
        .where(_shard.c.petition_id == petition_id)))
    cache[petition_id] = (moment.timestamp() + ttl, value)
    return value


def counts(petition_ids) -> dict[int, int]:
    """Verified counts of several petitions in one query (campaign page, organiser lists)."""
    ids = list(petition_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(_shard.c.petition_id, sa.func.sum(_shard.c.count))
        .where(_shard.c.petition_id.in_(ids)).group_by(_shard.c.petition_id))
    found = {petition_id: int(total) for petition_id, total in rows}
    return {petition_id: found.get(petition_id, 0) for petition_id in ids}


def reconcile(petition_id: int) -> tuple[int, int]:
    """Set the count to the number of verified rows; return (count before, count after).

    The shard rows are locked first (a no-op UPDATE), so a verification committing meanwhile
    is either seen by the recount or adds itself after it: nothing is lost or doubled.
    """
    create_shards(petition_id)
    db.session.execute(_shard.update().where(_shard.c.petition_id == petition_id)
                       .values(count=_shard.c.count))
    before = count(petition_id, fresh=True)
    actual = db.session.scalar(
        sa.select(sa.func.count()).select_from(Signature)
        .where(Signature.petition_id == petition_id,
               Signature.state == SignatureState.VERIFIED))
    if actual != before:
        db.session.execute(_shard.update().where(_shard.c.petition_id == petition_id)
                           .values(count=sa.case((_shard.c.shard == 0, actual), else_=0)))
        current_app.extensions["petition_counts"].pop(petition_id, None)
    return before, actual


def next_goal(verified: int, goal: int) -> int:
    """The goal to show: the petition's own until reached, then 100, 500, 1,000, 5,000…"""
    if verified < goal:
        return goal
    magnitude = 100
    while True:
        for factor in _STEP_FACTORS:
            if factor * magnitude > verified:
                return factor * magnitude
        magnitude *= 10


def reconcile_all():
    """Reconcile every petition, committing after each; yield (slug, before, after)."""
    from campaign.petitions.models import Petition

    for petition_id, slug in db.session.execute(sa.select(Petition.id, Petition.slug)
                                                .order_by(Petition.id)).all():
        before, after = reconcile(petition_id)
        db.session.commit()
        yield slug, before, after
