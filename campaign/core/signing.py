"""Signed links (manage an RSVP, verify a signature, unsubscribe): one serializer per purpose."""
import functools

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from flask import current_app

from campaign import clock


class InvalidToken(ValueError):
    """The token was tampered with, belongs to another purpose, or has expired."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


class _ClockSigner(TimestampSigner):
    """Timestamps come from the app's clock, so tests can move time past expiry."""

    def get_timestamp(self) -> int:  # used by itsdangerous for both signing and checking
        return int(clock.now().timestamp())


def serializer(purpose: str) -> URLSafeTimedSerializer:
    """The serializer behind :func:`make_token`, for signing many tokens in a row."""
    return _serializer(current_app.config["SECRET_KEY"], purpose)


@functools.lru_cache(maxsize=64)
def _serializer(secret_key, purpose: str) -> URLSafeTimedSerializer:
    # Built once per key and purpose: it holds no state between uses.
    return URLSafeTimedSerializer(secret_key, salt=f"campaign.{purpose}", signer=_ClockSigner)


def make_token(purpose: str, data) -> str:
    """Sign *data* (JSON-able) for one *purpose*, e.g. ``make_token("rsvp", rsvp.id)``."""
    return serializer(purpose).dumps(data)


def read_token(purpose: str, token: str, max_age: int | None = None):
    """The data signed into *token*; :raise InvalidToken: when it is not valid (any more)."""
    try:
        return serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except BadSignature as error:
        raise InvalidToken() from error
