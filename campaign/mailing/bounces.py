"""Bounces that arrive after delivery: delivery status notifications (RFC 3464) piped in by
the MTA (``flask --app wsgi campaign record-bounce < message.eml``, see README).

A DSN is a ``multipart/report; report-type=delivery-status`` message: a human part, a
``message/delivery-status`` part (per-recipient ``Final-Recipient``, ``Action``, ``Status``,
``Diagnostic-Code``) and the returned message or its headers (``message/rfc822`` or
``text/rfc822-headers``), which carry the Message-ID we sent it with. That Message-ID (stored
on the outbox row when it was sent, a keyed hash nobody else can make up for one of our rows)
finds the row; the recipient must match the row's address too, so a report about someone else
changes nothing. Only permanent failures (``Action: failed``, ``Status: 5.x.x``) count:
"delayed" reports and 4.x.x statuses are the MTA still trying.
"""
import email
import email.policy
import logging
import re
from dataclasses import dataclass
from email.parser import BytesHeaderParser, HeaderParser

import sqlalchemy as sa

from campaign import clock
from campaign.core import addresses
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.mailing.signals import bounced

log = logging.getLogger(__name__)

_STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,190}>")


@dataclass(frozen=True)
class Report:
    """One recipient's part of a delivery status notification."""
    recipient: str
    action: str
    status: str
    diagnostic: str
    message_ids: tuple[str, ...]

    @property
    def is_permanent_failure(self) -> bool:
        return self.action == "failed" and self.status.startswith("5.")

    def summary(self) -> str:
        return " ".join(filter(None, (self.status, self.diagnostic)))[:500]


def parse(raw: bytes) -> list[Report]:
    """The per-recipient reports in *raw*; empty when it is not a delivery status report."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if message.get_content_type() != "multipart/report":
        return []
    status_part, ids = None, []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status" and status_part is None:
            status_part = part
        elif kind == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if hasattr(inner, "get_all"):
                ids += inner.get_all("Message-ID", [])
        elif kind == "text/rfc822-headers":
            ids += _headers(part).get_all("Message-ID", [])
    if status_part is None:
        return []
    message_ids = tuple(dict.fromkeys(m for value in ids for m in _MESSAGE_ID.findall(value)))
    return [report for fields in _field_groups(status_part)[1:]
            if (report := _report(fields, message_ids))]


def _headers(part):
    payload = part.get_payload(decode=True) or b""
    return BytesHeaderParser().parsebytes(payload.lstrip())


def _field_groups(part) -> list:
    """The per-message group then one group per recipient (the email package parses them
    into a list of header blocks; a part it could not split is parsed by blank lines)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    text = payload if isinstance(payload, str) else ""
    return [HeaderParser().parsestr(block) for block in re.split(r"\r?\n\s*\r?\n", text.strip())]


def _report(fields, message_ids) -> Report | None:
    recipient = _typed_value(fields.get("Final-Recipient") or fields.get("Original-Recipient"))
    status = (fields.get("Status") or "").strip().split(" ")[0]
    if not recipient or not _STATUS.match(status):
        return None
    diagnostic = " ".join(str(fields.get("Diagnostic-Code") or "").split())
    return Report(recipient=recipient, action=(fields.get("Action") or "").strip().lower(),
                  status=status, diagnostic=diagnostic, message_ids=message_ids)


def _typed_value(value) -> str:
    """``rfc822; someone@example.org`` → the address."""
    if not value:
        return ""
    return " ".join(str(value).split()).split(";", 1)[-1].strip().strip("<>")


def record(raw: bytes) -> str:
    """Mark the outbox rows a permanent-failure DSN is about; say what was done (for the log)."""
    try:
        reports = parse(raw)
    except Exception as error:  # noqa: BLE001 - anything the MTA hands over is logged, not raised
        return f"unparsable input ({type(error).__name__}): ignored"
    if not reports:
        return "not a delivery status report: ignored"
    outcomes = [_record_one(report) for report in reports]
    return "; ".join(outcomes)


def _record_one(report: Report) -> str:
    if not report.is_permanent_failure:
        return f"{report.action or 'no action'} {report.status}: not a bounce, ignored"
    if not report.message_ids:
        return f"{report.status}: no Message-ID of ours in the report, ignored"
    row = db.session.scalar(sa.select(OutboxMessage).where(
        OutboxMessage.message_id.in_(report.message_ids)).order_by(OutboxMessage.id).limit(1))
    if row is None or (addresses.canonical(row.to_address)
                       != addresses.canonical(report.recipient)):
        return f"{report.status}: no message of ours to that address, ignored"
    if row.bounced_at is None:
        row.bounced_at, row.bounce = clock.now(), report.summary()
        db.session.flush()
        bounced.send(row)
    return f"{report.status}: outbox message {row.id} marked bounced"
