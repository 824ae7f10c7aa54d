"""Retention of letters (settings in campaign/core/retention.py).

- ``RETAIN_LETTER_DAYS`` after an action closed, its letters lose the supporter's name,
  address and words, once every delivery is done (a letter still waiting under the targets'
  caps is sent first: its words are read at send time). The rows stay, with their country,
  state and dates, and so do the deliveries, so the counts per target, country, group and day
  stay right.
- The messages to targets carry the supporter's name, address (Reply-To) and words: they
  follow ``RETAIN_MAIL_DAYS`` like every message.
- Unconfirmed letters, with their confirmation mail: ``deliveries.purge_unconfirmed``.
- A supporter erases their letters from "your data": :func:`erase_letter`.
"""
import sqlalchemy as sa

from campaign import clock
from campaign.core.retention import period
from campaign.extensions import db
from campaign.letters.models import (ActionStatus, DeliveryState, Letter, LetterAction,
                                     LetterDelivery, LetterState)
from campaign.mailing.models import OutboxMessage
from campaign.mailing.retention import erase_messages

ERASED_DOMAIN = "erased.invalid"
WAITING = (DeliveryState.QUEUED, DeliveryState.SCHEDULED)


def _placeholder(letter_id_column):
    """Unique per letter (the unique constraints hold) and never deliverable (RFC 2606)."""
    return (sa.literal("letter-") + sa.cast(letter_id_column, sa.String)
            + sa.literal("@" + ERASED_DOMAIN))


def erase_letters(ids, now) -> int:
    """Erase name, address and words of the letters *ids* gives (a select or a list), and the
    address their deliveries keep for "one letter per target"; mail to targets is erased too."""
    ids = list(db.session.scalars(sa.select(Letter.id).where(
        Letter.id.in_(ids), Letter.erased_at.is_(None))))
    if not ids:
        return 0
    deliveries = list(db.session.scalars(sa.select(LetterDelivery.id).where(
        LetterDelivery.letter_id.in_(ids))))
    if deliveries:
        erase_messages([OutboxMessage.key.in_([f"letter:{d}" for d in deliveries])])
    db.session.execute(
        sa.update(LetterDelivery).where(LetterDelivery.letter_id.in_(ids))
        .values(email_canonical=_placeholder(LetterDelivery.letter_id)),
        execution_options={"synchronize_session": False})
    return db.session.execute(
        sa.update(Letter).where(Letter.id.in_(ids), Letter.erased_at.is_(None))
        .values(name="", email=_placeholder(Letter.id), email_canonical=_placeholder(Letter.id),
                subject="", body="", updates=False, link_key=None, erased_at=now),
        execution_options={"synchronize_session": False}).rowcount


def _closed_before(cutoff) -> list[int]:
    """Actions that closed (at their closing moment, or when an organiser closed them)
    before *cutoff*. Few rows: the closing moment is computed in Python (key dates)."""
    ids = []
    for action in db.session.scalars(sa.select(LetterAction).where(
            LetterAction.status != ActionStatus.DRAFT)):
        closed = action.closing_moment
        if closed is None and action.status == ActionStatus.CLOSED:
            closed = action.updated_at
        if closed is not None and closed <= cutoff:
            ids.append(action.id)
    return ids


def erase_closed_actions(now) -> int:
    """The scheduling step: letters of actions closed RETAIN_LETTER_DAYS ago whose every
    delivery is done."""
    actions = _closed_before(now - period("RETAIN_LETTER_DAYS"))
    if not actions:
        return 0
    waiting = sa.select(LetterDelivery.letter_id).where(LetterDelivery.state.in_(WAITING))
    return erase_letters(sa.select(Letter.id).where(
        Letter.action_id.in_(actions), Letter.erased_at.is_(None),
        Letter.state == LetterState.CONFIRMED, Letter.id.not_in(waiting)), now)


def erase_letter(letter: Letter) -> None:
    """Erase one letter at its writer's request. A pending letter goes entirely, with its
    confirmation mail; a confirmed one is not sent to the targets it has not reached yet
    (those deliveries go, a message already queued is cancelled) and loses name, address
    and words; it still counts as written."""
    confirmation_mail = sa.or_(OutboxMessage.key == f"letter-confirm:{letter.id}",
                               OutboxMessage.key.startswith(f"letter-again:{letter.id}:",
                                                            autoescape=True))
    erase_messages([confirmation_mail])
    if letter.state == LetterState.PENDING:
        db.session.delete(letter)
        db.session.flush()
        return
    db.session.execute(sa.delete(LetterDelivery).where(
        LetterDelivery.letter_id == letter.id, LetterDelivery.state == DeliveryState.QUEUED))
    erase_letters([letter.id], clock.now())
    db.session.expire(letter)
