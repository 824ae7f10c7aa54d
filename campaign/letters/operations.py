"""Writes for letter actions, letters and "send it yourself" clicks. Each flushes; the caller
commits once. Targets (CSV import) are written in targets.py, deliveries in deliveries.py."""
import enum
import functools
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from campaign import clock
from campaign.core import addresses
from campaign.core.database import UTCDateTime, check_slug_free, insert_ignoring_conflicts
from campaign.extensions import db
from campaign.letters import mail, queries, signals
from campaign.letters.config import setting
from campaign.letters.models import (ActionStatus, Letter, LetterAction, LetterDelivery,
                                     LetterState, LetterTarget, MailtoClick, TargetRule,
                                     new_link_key)
from campaign.mailing.outbox import enqueue

ACTION_FIELDS = ("slug", "closing_key_date_id", "closes_at", "subject_editable",
                 "body_editable", "max_body_length", "target_countries", "target_groups")
#: Bump when the wording of the consent checkbox changes; each letter keeps its version.
CONSENT_VERSION = "2026-1"


class WriteOutcome(enum.StrEnum):
    #: A new pending letter; its confirmation link is queued.
    CREATED = "created"
    #: Written before: the link (pending) or "already sent" (confirmed) is mailed again.
    MAILED_AGAIN = "mailed_again"
    #: Written before, and the address got its share of mail lately: nothing is sent.
    THROTTLED = "throttled"


def create_action(campaign, *, texts: dict, status=ActionStatus.DRAFT,
                  **fields) -> LetterAction:
    """Create a letter action with its text in each language given."""
    action = LetterAction(campaign=campaign, status=ActionStatus(status))
    return update_action(action, texts=texts, **fields)


def update_action(action: LetterAction, *, texts: dict, status=None, target_rule=None,
                  picked_target_ids=None, **fields) -> LetterAction:
    """Change an action's settings, texts and the rule choosing its targets."""
    check_slug_free(LetterAction, fields.get("slug", action.slug), action.id)
    for name in ACTION_FIELDS:
        if name in fields:
            setattr(action, name, fields[name])
    if status is not None:
        action.status = ActionStatus(status)
    if target_rule is not None:
        action.target_rule = TargetRule(target_rule)
    if picked_target_ids is not None:
        action.picked_targets = list(db.session.scalars(sa.select(LetterTarget).where(
            LetterTarget.id.in_(picked_target_ids),
            LetterTarget.campaign_id == action.campaign.id)))
    for lang, values in texts.items():
        action.set_text(lang, **values)
    action.updated_at = clock.now()
    db.session.add(action)
    db.session.flush()
    return action


def close_action(action: LetterAction) -> None:
    """Stop writing now; letters already confirmed are still delivered."""
    action.status = ActionStatus.CLOSED
    if action.closes_at is None or action.closes_at > clock.now():
        action.closes_at = clock.now()  # when it closed: retention counts from here
    db.session.flush()


def write(action: LetterAction, *, name: str, email: str, country: str, subject: str,
          body: str, updates: bool, lang: str) -> WriteOutcome:
    """Record a pending letter and queue its confirmation link; for a known address, update a
    pending letter's text and mail the link again (throttled; "already sent" once confirmed).

    No oracle: every address costs the same work — one upsert of the letter row, one outbox
    row (written already cancelled when the address had its share of mail lately) — and the
    caller shows the same page whatever the outcome.
    """
    now = clock.now()
    email, canonical, _ = addresses.forms(email)
    values = dict(action_id=action.id, name=name.strip(), email=email,
                  email_canonical=canonical, country=country, lang=lang,
                  subject=subject.strip(), body=body.strip(), consent_version=CONSENT_VERSION,
                  updates=bool(updates), state=LetterState.PENDING, created_at=now,
                  mails_resent=0, last_mailed_at=now, link_key=new_link_key())
    row = db.session.execute(_upsert(db.session.get_bind().dialect.name), {
        **values, "quiet_since": now - timedelta(seconds=setting("LETTER_RESEND_INTERVAL")),
        "resend_max": setting("LETTER_RESEND_MAX")}).one()
    if row.last_mailed_at != now:  # mailed lately or often: an outbox row all the same
        enqueue(mail.CONFIRMATION, to=row.email, lang=row.lang,
                key=f"letter-skipped:{uuid.uuid4().hex}", campaign_id=action.campaign_id,
                skipped="throttled")
        return WriteOutcome.THROTTLED
    first = row.mails_resent == 0
    enqueue(mail.CONFIRMATION, to=row.email, lang=row.lang,
            key=f"letter-confirm:{row.id}" if first else f"letter-again:{row.id}:{row.mails_resent}",
            payload={"letter_id": row.id}, campaign_id=action.campaign_id)
    return WriteOutcome.CREATED if first else WriteOutcome.MAILED_AGAIN


def mail_again(letter_id: int) -> WriteOutcome | None:
    """Send a letter's mail again ("no e-mail?"): exactly the write of writing again from the
    same address with the same words — the same upsert, throttle and outbox row (None when
    the letter is gone or erased)."""
    letter = db.session.get(Letter, letter_id)
    if letter is None or letter.erased_at is not None or not letter.email:
        return None
    return write(letter.action, name=letter.name or "", email=letter.email,
                 country=letter.country, subject=letter.subject or "", body=letter.body or "",
                 updates=letter.updates, lang=letter.lang)


#: What a known address's new submission changes while its letter is pending: the page
#: behind the link shows the newest text before its button, so nobody sends words unseen.
_RENEWED = ("name", "email", "country", "lang", "subject", "body", "updates")


@functools.cache
def _upsert(dialect: str):
    """INSERT the letter; on (action, canonical address) conflict take the new text while it
    is pending, and count one more mail unless the letter had its share (``last_mailed_at``
    then stays old, which is how the caller knows). One statement, so racing requests and the
    throttle cannot disagree. Built once per engine."""
    table = Letter.__table__
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    old, new = table.c, insert.excluded
    pending = old.state == LetterState.PENDING
    may_mail = sa.and_(old.mails_resent < sa.bindparam("resend_max"),
                       sa.or_(old.last_mailed_at.is_(None),
                              old.last_mailed_at <= sa.bindparam("quiet_since",
                                                                 type_=UTCDateTime)))
    return insert.on_conflict_do_update(
        index_elements=["action_id", "email_canonical"],
        set_={**{name: sa.case((pending, new[name]), else_=old[name]) for name in _RENEWED},
              "mails_resent": sa.case((may_mail, old.mails_resent + 1),
                                      else_=old.mails_resent),
              "last_mailed_at": sa.case((may_mail, new.last_mailed_at),
                                        else_=old.last_mailed_at)},
    ).returning(old.id, old.email, old.lang, old.mails_resent, old.last_mailed_at)


def confirm(letter: Letter) -> int:
    """Confirm a pending letter and queue one delivery per target of the supporter's country.

    Returns the deliveries queued; a second confirmation (or a second letter from the same
    address) adds none for a target that already has this supporter's letter.
    """
    changed = db.session.execute(
        sa.update(Letter).where(Letter.id == letter.id, Letter.state == LetterState.PENDING)
        .values(state=LetterState.CONFIRMED, confirmed_at=clock.now())).rowcount
    db.session.expire(letter)
    if not changed:
        return 0
    signals.letter_sent.send(letter)
    now = clock.now()
    rows = [dict(letter_id=letter.id, action_id=letter.action_id,
                 email_canonical=letter.email_canonical, target_id=target.id, created_at=now)
            for target in queries.targets_for(letter.action, letter.country)]
    statement = insert_ignoring_conflicts(
        LetterDelivery, ("action_id", "email_canonical", "target_id"))
    return sum(1 for row in rows if db.session.scalar(statement, row) is not None)


def record_mailto(action: LetterAction, country: str) -> None:
    """Count one "send it from my own mailbox" click (not a delivery: nobody knows it went)."""
    db.session.add(MailtoClick(action_id=action.id, country=country, clicked_at=clock.now()))
    db.session.flush()


def import_targets(campaign, rows) -> tuple[int, int]:
    """Add the checked CSV *rows* as the campaign's targets; a known address is updated.

    Returns (added, updated).
    """
    known = {t.email: t for t in db.session.scalars(
        sa.select(LetterTarget).where(LetterTarget.campaign_id == campaign.id))}
    added = updated = 0
    for row in rows:
        target = known.get(row.email)
        if target is None:
            target = LetterTarget(campaign_id=campaign.id, email=row.email, created_at=clock.now())
            db.session.add(target)
            known[row.email] = target
            added += 1
        else:
            updated += 1
        target.name, target.country = row.name, row.country
        target.political_group, target.languages = row.group, row.languages
        target.constituency = row.constituency
    db.session.flush()
    return added, updated


def delete_target(target: LetterTarget) -> None:
    """Remove a target; letters already sent to them stay counted in the mail log only."""
    db.session.delete(target)
    db.session.flush()
