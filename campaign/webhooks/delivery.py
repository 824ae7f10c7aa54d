"""Deliver due webhook rows: claim, POST signed JSON, record; retried with backoff, then failed.

A scheduling step of the mail worker (``flask campaign worker``) calls :func:`deliver_due`.
Claiming marks rows ``sending`` with a lease in a short transaction of its own (``FOR UPDATE
SKIP LOCKED`` on PostgreSQL, so two workers never take the same row; on SQLite the guarded
UPDATE keeps one worker correct); each result is written guarded by the claim and committed at
once. A worker that dies leaves its rows ``sending``; when the lease has run out another
worker takes them over, so a receiver may (rarely) get an event twice: it drops duplicates by
``Webhook-Id``. Redirects are not followed (a 3xx is a failure), and the connection goes to
the address checked by :mod:`ssrf`, whatever the name resolves to a moment later.
"""
import http.client
import logging
import os
import secrets
import socket
import ssl
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from campaign import clock
from campaign.extensions import db
from campaign.webhooks import signing, ssrf, unsubscribes
from campaign.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger("campaign.webhooks")
D = WebhookDelivery
#: How much of the receiver's answer is read (only its status matters).
READ_LIMIT = 4096


def deliver_due(now) -> int:
    """The scheduling step: deliver up to WEBHOOKS_BATCH_SIZE due rows; returns how many
    were delivered."""
    unsubscribes.match()
    worker_id = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"[:80]
    delivered = 0
    for row_id in claim(current_app.config["WEBHOOKS_BATCH_SIZE"], worker_id):
        delivered += deliver_one(row_id, worker_id)
    return delivered


def _due(now):
    return sa.or_(sa.and_(D.status == DeliveryStatus.QUEUED, D.next_attempt_at <= now),
                  sa.and_(D.status == DeliveryStatus.SENDING,
                          sa.or_(D.lease_until.is_(None), D.lease_until < now)))


def claim(limit: int, worker_id: str) -> list[int]:
    """Mark up to *limit* due rows as ours and commit; their ids, oldest due first."""
    now = clock.now()
    candidates = db.session.scalars(
        sa.select(D.id).where(_due(now)).order_by(D.next_attempt_at, D.id).limit(limit)
        .with_for_update(skip_locked=True)).all()
    claimed = []
    if candidates:  # the condition again: on SQLite another worker may have been quicker
        # Long enough for the whole batch, each request waiting its timeouts to the end.
        lease = timedelta(seconds=60 + 3 * current_app.config["WEBHOOKS_TIMEOUT"] * limit)
        claimed = db.session.scalars(
            sa.update(D).where(D.id.in_(candidates), _due(now))
            .values(status=DeliveryStatus.SENDING, claimed_by=worker_id, lease_until=now + lease)
            .returning(D.id).execution_options(synchronize_session=False)).all()
    db.session.commit()
    return sorted(claimed)


def deliver_one(row_id: int, worker_id: str) -> int:
    """POST one claimed row and record the result; 1 when the receiver took it."""
    row = db.session.execute(
        sa.select(D.event_uuid, D.event, D.body, D.attempts, WebhookEndpoint.id.label("endpoint"),
                  WebhookEndpoint.url, WebhookEndpoint.secret_salt)
        .join(WebhookEndpoint, WebhookEndpoint.id == D.endpoint_id)
        .where(D.id == row_id, D.status == DeliveryStatus.SENDING,
               D.claimed_by == worker_id)).first()
    db.session.commit()  # no transaction stays open while the receiver answers
    if row is None:  # taken over by another worker (our lease ran out), or removed
        return 0
    status, error = post(row.url, signing.secret_of(row.secret_salt), row.event_uuid,
                         row.event, row.body.encode())
    ok = status is not None and 200 <= status < 300
    now = clock.now()
    values = dict(attempts=D.attempts + 1, last_status=status, last_error=error,
                  lease_until=None, claimed_by=None)
    if ok:
        values.update(status=DeliveryStatus.DELIVERED, delivered_at=now, last_error=None)
    elif row.attempts + 1 >= current_app.config["WEBHOOKS_MAX_ATTEMPTS"]:
        values.update(status=DeliveryStatus.FAILED)
    else:
        values.update(status=DeliveryStatus.QUEUED, next_attempt_at=now + backoff(row.attempts + 1))
    recorded = db.session.execute(
        sa.update(D).where(D.id == row_id, D.status == DeliveryStatus.SENDING,
                           D.claimed_by == worker_id).values(**values),
        execution_options={"synchronize_session": False}).rowcount
    db.session.commit()
    if not ok:
        logger.info("webhook %s to endpoint %s: %s", row_id, row.endpoint, error or status)
    return int(ok and recorded == 1)


def backoff(attempts: int) -> timedelta:
    """The wait after the *attempts*-th failed try: WEBHOOKS_RETRY_SECONDS, doubled each time."""
    return timedelta(seconds=current_app.config["WEBHOOKS_RETRY_SECONDS"] * 2 ** (attempts - 1))


def post(url: str, secret: str, event_uuid: str, event: str,
         body: bytes) -> tuple[int | None, str | None]:
    """POST *body* to *url*, signed; (HTTP status, None) or (status or None, what went wrong)."""
    timestamp = int(clock.now().timestamp())
    try:
        scheme, host, port, addresses = ssrf.resolve(url)
    except ssrf.Refused as refused:
        return None, f"refused: {refused}"
    parts = urlsplit(url.strip())
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    timeout = current_app.config["WEBHOOKS_TIMEOUT"]
    connection = (_PinnedHTTPS if scheme == "https" else _PinnedHTTP)(host, port, addresses,
                                                                      timeout)
    headers = {"Content-Type": "application/json", "User-Agent": "campaign-webhooks/1",
               "Webhook-Id": event_uuid, "Webhook-Event": event,
               "Webhook-Timestamp": str(timestamp),
               "Webhook-Signature": signing.signature(secret, timestamp, body)}
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(READ_LIMIT)
        status = response.status
        return status, None if 200 <= status < 300 else f"HTTP {status}"
    except (TimeoutError, socket.timeout):
        return None, "timed out"
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"[:300]
    finally:
        connection.close()


def _connect(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """A connection to the first of the checked *addresses* that answers (IPv6 and IPv4)."""
    error = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as failed:
            error = failed
    raise error


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the addresses checked before, while the Host header names the host."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses

    def connect(self):
        self.sock = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """As :class:`_PinnedHTTP`, with TLS verified against the host's name (SNI too)."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.addresses = addresses

    def connect(self):
        sock = _connect(self.addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
