"""Writes for letter actions, letters and "send it yourself" clicks. Each flushes; the caller
commits once. Targets (CSV import) are written in targets.py, deliveries in deliveries.py."""
import enum
from datetime import timedelta

import sqlalchemy as sa

from campaign import clock
from campaign.core import addresses
from campaign.core.database import check_slug_free, insert_ignoring_conflicts
from campaign.extensions import db
from campaign.letters import mail, queries
from campaign.letters.config import setting
from campaign.letters.models import (ActionStatus, Letter, LetterAction, LetterDelivery,
                                     LetterState, LetterTarget, MailtoClick, TargetRule)
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
    db.session.flush()


def write(action: LetterAction, *, name: str, email: str, country: str, subject: str,
          body: str, updates: bool, lang: str) -> WriteOutcome:
    """Record a pending letter and queue its confirmation link; for a known address, update a
    pending letter's text and mail the link again (throttled).

    The caller shows the same page whatever the outcome (no user enumeration).
    """
    now = clock.now()
    email, canonical, _ = addresses.forms(email)
    values = dict(action_id=action.id, name=name.strip(), email=email,
                  email_canonical=canonical, country=country, lang=lang,
                  subject=subject.strip(), body=body.strip(), consent_version=CONSENT_VERSION,
                  updates=bool(updates), state=LetterState.PENDING, created_at=now,
                  mails_resent=0, last_mailed_at=now)
    letter_id = db.session.scalar(
        insert_ignoring_conflicts(Letter, ("action_id", "email_canonical")), values)
    if letter_id is not None:
        enqueue(mail.CONFIRMATION, to=email, lang=lang, key=f"letter-confirm:{letter_id}",
                payload={"letter_id": letter_id}, campaign_id=action.campaign_id)
        return WriteOutcome.CREATED
    return _write_again(action, values)


def _write_again(action: LetterAction, values: dict) -> WriteOutcome:
    known = db.session.execute(sa.select(Letter.id, Letter.state).where(
        Letter.action_id == action.id,
        Letter.email_canonical == values["email_canonical"])).one()
    if known.state == LetterState.PENDING:
        # The newest text is the one confirmed: the page behind the link shows it before
        # its button, so nobody sends words they have not seen.
        db.session.execute(sa.update(Letter).where(Letter.id == known.id).values(
            {k: values[k] for k in ("name", "email", "country", "lang", "subject", "body",
                                    "updates")}))
    return _mail_again(action, known.id, values["email"], values["lang"])


def mail_again(letter_id: int) -> WriteOutcome | None:
    """Send a letter's mail again ("no e-mail?"): the same write, and the same throttle, as
    writing again from the same address (None when the letter is gone)."""
    letter = db.session.get(Letter, letter_id)
    if letter is None:
        return None
    return _mail_again(letter.action, letter.id, letter.email, letter.lang)


def _mail_again(action: LetterAction, letter_id: int, email: str, lang: str) -> WriteOutcome:
    sequence = _claim_another_mail(letter_id)
    if sequence is None:
        return WriteOutcome.THROTTLED
    enqueue(mail.CONFIRMATION, to=email, lang=lang, key=f"letter-again:{letter_id}:{sequence}",
            payload={"letter_id": letter_id}, campaign_id=action.campaign_id)
    return WriteOutcome.MAILED_AGAIN


def _claim_another_mail(letter_id: int) -> int | None:
    """Count one more mail unless the letter had its share; one conditional UPDATE."""
    now = clock.now()
    quiet_since = now - timedelta(seconds=setting("LETTER_RESEND_INTERVAL"))
    return db.session.scalar(
        sa.update(Letter)
        .where(Letter.id == letter_id, Letter.mails_resent < setting("LETTER_RESEND_MAX"),
               sa.or_(Letter.last_mailed_at.is_(None), Letter.last_mailed_at <= quiet_since))
        .values(mails_resent=Letter.mails_resent + 1, last_mailed_at=now)
        .returning(Letter.mails_resent))


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
