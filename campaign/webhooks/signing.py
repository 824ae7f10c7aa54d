"""The signing secret of an endpoint and the signature of a delivery.

Every request carries ``Webhook-Timestamp`` (Unix seconds, when this attempt was made) and
``Webhook-Signature: v1=<hex>``, the HMAC-SHA256 with the endpoint's secret of
``<timestamp>.<body>``. The receiver recomputes it over the raw body, compares in constant
time and refuses a timestamp older than its replay window (README: "Webhooks").
"""
import hashlib
import hmac
import secrets

from flask import current_app

PREFIX = "whsec_"


def new_salt() -> str:
    return secrets.token_hex(16)


def secret_of(salt: str) -> str:
    """The endpoint's secret: derived from SECRET_KEY and its salt, never stored itself
    (changing SECRET_KEY changes every endpoint's secret)."""
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"campaign.webhooks",
                   hashlib.sha256).digest()
    return PREFIX + hmac.new(key, salt.encode(), hashlib.sha256).hexdigest()[:40]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Webhook-Signature`` value for *body* sent at *timestamp*."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str, now: float,
           window: int = 300) -> bool:
    """What a receiver does (the README shows the same in a few lines): right signature,
    timestamp within *window* seconds of *now*."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    return abs(now - sent) <= window and hmac.compare_digest(
        signature(secret, sent, body), header or "")
