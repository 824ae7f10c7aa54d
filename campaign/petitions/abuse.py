"""Abuse defences of the signing form: the salted IP hash and the rate-limit keys.

The IP address itself is never stored. ``ip_hash`` is an HMAC of the address with a salt
derived from SECRET_KEY, so organisers can see that many signatures came from one
address without learning which address it was (and without the key nobody can test
guesses against the stored hashes).
"""
import hashlib
import hmac

from flask import current_app, request

from campaign.petitions.config import setting
from campaign.core.addresses import domain_of


def ip_hash(address: str | None) -> str | None:
    """A stable, salted, 32-character stand-in for *address*."""
    if not address:
        return None
    salt = hmac.new(current_app.config["SECRET_KEY"].encode(), b"campaign.petitions.ip",
                    hashlib.sha256).digest()
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()[:32]


def sign_limit_per_ip() -> str:
    """Burst and sustained limits per IP, e.g. "20 per minute;300 per hour"."""
    return ";".join((setting("PETITION_RATELIMIT_SIGN_BURST"),
                     setting("PETITION_RATELIMIT_SIGN_SUSTAINED")))


def sign_limit_per_domain() -> str:
    return setting("PETITION_RATELIMIT_SIGN_DOMAIN")


def submitted_domain() -> str:
    return domain_of(request.form.get("email", ""))[:254]


def domain_key() -> str:
    """Rate-limit key: the e-mail domain typed into the form."""
    return "petition-email-domain:" + submitted_domain()


def domain_exempt() -> bool:
    """Large providers (and forms without an address, which fail anyway) skip that limit."""
    domain = submitted_domain()
    return not domain or domain in setting("PETITION_LARGE_PROVIDERS")
