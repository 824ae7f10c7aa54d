"""Feeding letters to the outbox under each target's caps, and following what the worker did.

A confirmed letter becomes one queued delivery per target. Each scheduling round (the mail
worker's ``scheduling`` steps) moves into the outbox, per target, only as many deliveries as
its hourly and daily caps still allow (LETTER_TARGET_PER_HOUR / _PER_DAY, oldest first); the
rest stay queued for later rounds. Closing the action stops new letters, not these: letters
confirmed before the close are delivered afterwards, and the organiser page reports how many
are still waiting. Once a row is in the outbox its state follows the outbox row (sent, failed).
"""
from datetime import timedelta

import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.letters import mail
from campaign.letters.config import setting
from campaign.letters.models import (DeliveryState, Letter, LetterAction, LetterDelivery,
                                     LetterState, LetterTarget)
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.outbox import enqueue_many, row

D = LetterDelivery
#: Outbox states that end a delivery, and what they mean for it.
FINISHED = {MessageStatus.SENT: DeliveryState.SENT, MessageStatus.FAILED: DeliveryState.FAILED,
            MessageStatus.CANCELLED: DeliveryState.FAILED,
            MessageStatus.SUPPRESSED: DeliveryState.FAILED}


def schedule_step(now) -> int:
    """The scheduling step: record finished sends, then move what the caps allow."""
    follow_outbox()
    return schedule_due(now)


def _scheduled_since(moment):
    return (sa.select(D.target_id, sa.func.count().label("n"))
            .where(D.scheduled_at.is_not(None), D.scheduled_at > moment)
            .group_by(D.target_id))


def room_per_target(now) -> dict[int, int]:
    """{target id: deliveries it may still receive now} for targets with queued letters."""
    waiting = db.session.scalars(sa.select(D.target_id).where(
        D.state == DeliveryState.QUEUED).distinct()).all()
    if not waiting:
        return {}
    hour = dict(db.session.execute(_scheduled_since(now - timedelta(hours=1))).all())
    day = dict(db.session.execute(_scheduled_since(now - timedelta(days=1))).all())
    per_hour, per_day = setting("LETTER_TARGET_PER_HOUR"), setting("LETTER_TARGET_PER_DAY")
    return {target: min(per_hour - hour.get(target, 0), per_day - day.get(target, 0))
            for target in waiting}


def schedule_due(now) -> int:
    """Move queued deliveries into the outbox while each target is under its caps."""
    moved = 0
    for target_id, room in room_per_target(now).items():
        if room <= 0:
            continue
        due = db.session.execute(
            sa.select(D.id, Letter.action_id, Letter.lang)
            .join(Letter, Letter.id == D.letter_id)
            .where(D.target_id == target_id, D.state == DeliveryState.QUEUED)
            .order_by(D.created_at, D.id).limit(room).with_for_update(skip_locked=True)).all()
        moved += _move(due, target_id, now)
    return moved


def _move(due, target_id: int, now) -> int:
    if not due:
        return 0
    target = db.session.get(LetterTarget, target_id)
    # The guarded UPDATE first: a second worker running the same step moves none twice.
    moved = db.session.scalars(
        sa.update(D).where(D.id.in_([d.id for d in due]), D.state == DeliveryState.QUEUED)
        .values(state=DeliveryState.SCHEDULED, scheduled_at=now).returning(D.id)
        .execution_options(synchronize_session=False)).all()
    campaign_of = _campaign_ids({d.action_id for d in due})
    rows = [row(mail.TO_TARGET, to=target.email, lang=d.lang, key=f"letter:{d.id}",
                payload={"delivery_id": d.id}, campaign_id=campaign_of[d.action_id])
            for d in due if d.id in set(moved)]
    enqueue_many(rows)
    return len(rows)


def _campaign_ids(action_ids) -> dict[int, int]:
    return dict(db.session.execute(sa.select(LetterAction.id, LetterAction.campaign_id)
                                   .where(LetterAction.id.in_(action_ids))).all())


def follow_outbox(batch: int = 1000) -> int:
    """Give scheduled deliveries the state of their finished outbox rows (found by key)."""
    scheduled = db.session.scalars(sa.select(D.id).where(D.state == DeliveryState.SCHEDULED)
                                   .order_by(D.id).limit(batch)).all()
    if not scheduled:
        return 0
    keys = {f"letter:{delivery_id}": delivery_id for delivery_id in scheduled}
    finished = db.session.execute(
        sa.select(OutboxMessage.key, OutboxMessage.status, OutboxMessage.sent_at,
                  OutboxMessage.last_error)
        .where(OutboxMessage.key.in_(keys), OutboxMessage.status.in_(FINISHED))).all()
    for key, status, sent_at, error in finished:
        db.session.execute(sa.update(D).where(D.id == keys[key]).values(
            state=FINISHED[status], sent_at=sent_at, last_error=error))
    return len(finished)


def follow_bounce(row, **_) -> None:
    """A letter the target's server accepted and later returned: mark its delivery bounced.

    Connected to mailing's ``bounced`` signal; rows of other kinds are not letters.
    """
    if row.kind != mail.TO_TARGET or not row.key.startswith("letter:"):
        return
    db.session.execute(sa.update(D).where(D.id == int(row.key.split(":", 1)[1])).values(
        state=DeliveryState.BOUNCED, sent_at=row.sent_at, last_error=row.bounce))


def bounces(action) -> list:
    """(target name, when, status and diagnostic) of the action's bounced letters."""
    return list(db.session.execute(
        sa.select(LetterTarget.name, OutboxMessage.bounced_at, D.last_error)
        .join(LetterTarget, LetterTarget.id == D.target_id)
        .join(OutboxMessage, OutboxMessage.key == sa.literal("letter:") + sa.cast(D.id, sa.String))
        .where(D.action_id == action.id, D.state == DeliveryState.BOUNCED)
        .order_by(LetterTarget.name, OutboxMessage.bounced_at)))


def waiting_after_close(action) -> int:
    """Deliveries of *action* not yet sent although it has closed (reported to organisers)."""
    if action.is_open:
        return 0
    return db.session.scalar(sa.select(sa.func.count()).select_from(D).where(
        D.action_id == action.id, D.state.in_((DeliveryState.QUEUED,
                                               DeliveryState.SCHEDULED)))) or 0


def purge_unconfirmed() -> int:
    """Delete pending letters whose every confirmation link has expired (plus a day).

    The confirmation e-mail promises that nothing is kept or sent without confirmation.
    """
    cutoff = clock.now() - timedelta(seconds=setting("LETTER_CONFIRM_MAX_AGE"), days=1)
    deleted = db.session.execute(sa.delete(Letter).where(
        Letter.state == LetterState.PENDING, Letter.created_at < cutoff,
        sa.or_(Letter.last_mailed_at.is_(None), Letter.last_mailed_at < cutoff))).rowcount
    # Confirmation mail that old carries a dead link and the supporter's name: it goes too.
    db.session.execute(sa.delete(OutboxMessage).where(
        OutboxMessage.kind == mail.CONFIRMATION, OutboxMessage.created_at < cutoff,
        OutboxMessage.status != MessageStatus.SENDING))
    return deleted


def purge_step(now) -> int:
    return purge_unconfirmed()
