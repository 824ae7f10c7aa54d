"""Retention of mail: a message that is done keeps no address, body or link for long.

``RETAIN_MAIL_DAYS`` (campaign/core/retention.py) after it was written, a sent, failed,
suppressed or cancelled message loses its recipient's address, its bodies, its headers and
its payload; the row stays (kind, campaign, status, times) so the mail log's figures and each
message's "sent to N people" stay right. Queued and sending rows are never touched.
"""
import sqlalchemy as sa

from campaign.core.retention import period
from campaign.extensions import db
from campaign.mailing.links import normalise_address
from campaign.mailing.models import MessageStatus, OutboxMessage

#: What an erased message's recipient reads in the log.
ERASED_ADDRESS = "(erased)"
DONE = (MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.SUPPRESSED,
        MessageStatus.CANCELLED)


def erase_old_mail(now) -> int:
    """The scheduling step: strip messages done more than RETAIN_MAIL_DAYS ago."""
    cutoff = now - period("RETAIN_MAIL_DAYS")
    return db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.status.in_(DONE), OutboxMessage.created_at <= cutoff,
               OutboxMessage.to_address != ERASED_ADDRESS)
        .values(to_address=ERASED_ADDRESS, body_text=None, body_html=None, headers=None,
                payload={}, last_error=sa.case(
                    (OutboxMessage.status == MessageStatus.FAILED, "failed"),
                    else_=OutboxMessage.last_error)),
        execution_options={"synchronize_session": False}).rowcount



def erase_mail_to(address: str) -> int:
    """Strip every message to *address* that is done (its owner asked); queued ones go out."""
    return db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.status.in_(DONE),
               sa.func.lower(OutboxMessage.to_address) == normalise_address(address))
        .values(to_address=ERASED_ADDRESS, body_text=None, body_html=None, headers=None,
                payload={}),
        execution_options={"synchronize_session": False}).rowcount


def erase_messages(where) -> int:
    """Erase the messages matching the SQL conditions *where* now (a person's data is erased,
    or an organiser removed them): done ones lose address and bodies, queued ones are
    cancelled too, so nothing still goes out. Rows being sent are left to finish."""
    return db.session.execute(
        sa.update(OutboxMessage)
        .where(*where, OutboxMessage.status != MessageStatus.SENDING,
               OutboxMessage.to_address != ERASED_ADDRESS)
        .values(to_address=ERASED_ADDRESS, body_text=None, body_html=None, headers=None,
                payload={}, status=sa.case((OutboxMessage.status == MessageStatus.QUEUED,
                                            MessageStatus.CANCELLED),
                                           else_=OutboxMessage.status),
                last_error=sa.case((OutboxMessage.status == MessageStatus.QUEUED, "erased"),
                                   else_=OutboxMessage.last_error)),
        execution_options={"synchronize_session": False}).rowcount
