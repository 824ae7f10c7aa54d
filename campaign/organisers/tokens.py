"""Secrets in mailed links and recovery codes: random, shown once, stored only as a hash.

The tokens carry 256 random bits, so a fast hash (SHA-256) is enough to make a copy of the
table useless; recovery codes are shorter but single-use, few, and sign-in is rate-limited.
"""
import hashlib
import hmac
import secrets


def new_token() -> tuple[str, str]:
    """A fresh (token, its hash)."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.strip().encode()).hexdigest()


def same(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(digest(secret), stored_hash)


def recovery_code() -> str:
    """A code to type by hand: 10 letters/digits in two groups (about 50 bits)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"
