"""Unsubscribe links and the keyed hash that stands for an address on the suppression list.

The token is signed and carries only :func:`address_key` (an HMAC of the address with a key
derived from SECRET_KEY): no address, no id, and nothing to read it back with. It expires
after ``UNSUBSCRIBE_LINK_DAYS`` (campaign/core/retention.py). The suppression list keeps the
same hash, so an unsubscribe survives the erasure of everything else about the person.
"""
import hashlib
import hmac
import re

from flask import current_app, url_for

from campaign.core import addresses
from campaign.core.retention import period
from campaign.core.signing import InvalidToken, make_token, read_token, serializer

PURPOSE = "unsubscribe-key"
_KEY = re.compile(r"^[0-9a-f]{64}$")


def normalise_address(address: str) -> str:
    """The form addresses take before hashing: the one used everywhere."""
    return addresses.normalise(address)


def hash_key() -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), b"campaign.suppression",
                    hashlib.sha256).digest()


def address_key(address: str, key: bytes | None = None) -> str:
    """The keyed hash of *address* (64 hex digits): the suppression list and the unsubscribe
    token hold this, never the address. Changing SECRET_KEY changes every hash."""
    return hmac.new(key or hash_key(), normalise_address(address).encode(),
                    hashlib.sha256).hexdigest()


def unsubscribe_url(address: str, lang: str) -> str:
    """The absolute one-click unsubscribe link for *address*, its page in *lang*.

    Built on BASE_URL (also inside a request from another host), so it is the same link the
    ``List-Unsubscribe`` header carries. Domains may put it in the footer of their messages;
    non-transactional messages get it in their template context as ``unsubscribe_url``.
    """
    token = make_token(PURPOSE, address_key(address))
    base_url = current_app.config["BASE_URL"]
    with current_app.test_request_context(base_url=base_url):
        return url_for("mailing.unsubscribe", lang=lang, token=token, _external=True)


class UnsubscribeLinks:
    """:func:`unsubscribe_url` for many addresses: the route is built once per language and
    the serializer once, so a link costs one hash and one signature (for the worker's batches)."""

    TOKEN = "TOKEN-STAND-IN"

    def __init__(self):
        self.base_url = current_app.config["BASE_URL"].rstrip("/")
        self.serializer = serializer(PURPOSE)
        # What serializer.dumps does, without deriving the signing key again for each link.
        self.signer = self.serializer.make_signer(self.serializer.salt)
        self.hash_key = hash_key()
        self.routes: dict[str, str] = {}

    def url(self, address: str, lang: str) -> str:
        route = self.routes.get(lang)
        if route is None:
            with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
                route = self.routes[lang] = url_for("mailing.unsubscribe", lang=lang,
                                                    token=self.TOKEN, _external=True)
        payload = self.serializer.dump_payload(address_key(address, self.hash_key))
        return route.replace(self.TOKEN, self.signer.sign(payload).decode("ascii"))


def key_from_token(token: str) -> str:
    """The address key signed into an unsubscribe *token*.

    :raise InvalidToken: not ours, or (``expired=True``) older than UNSUBSCRIBE_LINK_DAYS.
    """
    try:
        key = read_token(PURPOSE, token,
                         max_age=int(period("UNSUBSCRIBE_LINK_DAYS").total_seconds()))
    except InvalidToken as error:
        key = _key_from_old_token(token, error)
    if not (isinstance(key, str) and _KEY.match(key)):
        raise InvalidToken()
    return key


def _key_from_old_token(token: str, error: InvalidToken) -> str:
    """Links mailed before issue 14 carried the address under "unsubscribe" and never
    expired; mail already sent must still let people leave. They are honoured until
    UNSUBSCRIBE_LINK_DAYS after the upgrade, then this can go."""
    if error.expired:
        raise error
    try:
        address = read_token("unsubscribe", token)
    except InvalidToken:
        raise error from None
    if not (isinstance(address, str) and "@" in address):
        raise error
    return address_key(address)
