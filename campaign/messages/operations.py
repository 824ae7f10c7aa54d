"""Writes for organiser messages. Each flushes; the caller commits once."""
import uuid
from datetime import datetime

import sqlalchemy as sa

from campaign import clock
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.messages import audiences, mail
from campaign.messages.models import MessageState, OrganiserMessage
from campaign.organisers import audit


class NotADraft(ValueError):
    """The message was sent (or asked to be) already: its texts no longer change."""


def find_by_form_token(token: str) -> OrganiserMessage | None:
    """The message a compose form created, if it was sent before (a double submit)."""
    if not token:
        return None
    return db.session.scalar(sa.select(OrganiserMessage).where(
        OrganiserMessage.form_token == token))


def create_message(campaign, *, texts: dict, audience, scope_id, publish_as_update: bool,
                   form_token: str | None = None, created_by: str | None = None
                   ) -> OrganiserMessage:
    """Write a draft to *audience* (None: an update only) with its texts per language."""
    message = OrganiserMessage(campaign=campaign, form_token=form_token or uuid.uuid4().hex,
                               created_by_name=created_by, revision=0)
    db.session.add(message)
    return update_message(message, texts=texts, audience=audience, scope_id=scope_id,
                          publish_as_update=publish_as_update)


def update_message(message: OrganiserMessage, *, texts: dict, audience, scope_id,
                   publish_as_update: bool) -> OrganiserMessage:
    """Change a draft. :raise NotADraft: once it was sent."""
    if message.id is not None and not message.is_draft:
        raise NotADraft(message.id)
    message.audience = audiences.Audience(audience) if audience else None
    message.scope_id = scope_id if audience else None
    message.publish_as_update = bool(publish_as_update)
    for lang, values in texts.items():
        message.set_text(lang, **values)
    message.revision = (message.revision or 0) + 1
    db.session.flush()
    return message


def duplicate_message(message: OrganiserMessage, *, created_by: str | None = None
                      ) -> OrganiserMessage:
    """A new draft with *message*'s audience, texts and update choice (whatever its state),
    to change and send again."""
    texts = {lang: {"subject": row.subject, "body": row.body}
             for lang, row in message.translations.items()}
    return create_message(message.campaign, texts=texts, audience=message.audience,
                          scope_id=message.scope_id, publish_as_update=message.publish_as_update,
                          created_by=created_by)


def queue_tests(message: OrganiserMessage, to: str) -> int:
    """Queue one test copy per written language to *to* (the organiser); returns how many."""
    sample = mail.SAMPLE_TOKEN if mail.event_of(message) is not None else None
    for lang in message.languages:
        outbox.enqueue(mail.KIND, to=to, lang=lang, key=f"msg-test-{uuid.uuid4().hex}",
                       payload=mail.payload(message, test=True, manage_token=sample),
                       campaign_id=message.campaign_id)
    return len(message.languages)


def request_send(message: OrganiserMessage, *, send_at: datetime | None, organiser) -> bool:
    """Ask for the message to go out at *send_at* (None: now); the fan-out step does the rest.

    Guarded by the state: a second click, a resubmitted form or a second tab changes nothing
    and returns False.
    """
    now = clock.now()
    expected = (audiences.count(message.audience, message.scope_id)
                if message.audience is not None else 0)
    result = db.session.execute(
        sa.update(OrganiserMessage)
        .where(OrganiserMessage.id == message.id, OrganiserMessage.state == MessageState.DRAFT)
        .values(state=MessageState.SCHEDULED, send_at=max(send_at or now, now),
                requested_at=now, sent_by_id=organiser.id, sent_by_name=organiser.name,
                recipient_count=expected)
        .execution_options(synchronize_session=False))
    db.session.refresh(message)
    if result.rowcount == 1:
        audit.record("message_sent", message.campaign_id, organiser_id=organiser.id,
                     message=message.id, recipients=expected,
                     at=message.send_at.isoformat(timespec="minutes"))
    if result.rowcount == 1 and message.audience is None and message.send_at <= now:
        _publish_now(message, now)  # no mail to fan out: nothing to wait for
    return result.rowcount == 1


def _publish_now(message: OrganiserMessage, now: datetime) -> None:
    message.state = MessageState.SENT
    message.published_at = message.fanout_done_at = now
    message.campaign.touch()
    db.session.flush()


def cancel(message: OrganiserMessage) -> bool:
    """Call off a message whose time has not come (before its fan-out starts)."""
    result = db.session.execute(
        sa.update(OrganiserMessage)
        .where(OrganiserMessage.id == message.id,
               OrganiserMessage.state == MessageState.SCHEDULED)
        .values(state=MessageState.CANCELLED)
        .execution_options(synchronize_session=False))
    db.session.refresh(message)
    return result.rowcount == 1


def publish_update(campaign, *, texts: dict, published_at: datetime) -> OrganiserMessage:
    """An update shown on the campaign page from *published_at*, e-mailed to nobody."""
    message = create_message(campaign, texts=texts, audience=None, scope_id=None,
                             publish_as_update=True)
    message.state = MessageState.SENT
    message.published_at = message.send_at = message.requested_at = published_at
    campaign.touch()
    db.session.flush()
    return message
