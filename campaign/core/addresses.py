"""E-mail addresses in one form everywhere: stored, compared, and on the suppression list."""
import re

from email_validator import EmailNotValidError, validate_email

#: Addresses email-validator leaves as they are (then lower-cased) whether or not it accepts
#: them: plain ASCII, no quotes, spaces or comments, no IDNA (xn--) domain. Checking these
#: with a regular expression is 100 times cheaper (the mail worker normalises every recipient).
_PLAIN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def normalise(address: str) -> str:
    """email-validator's normal form (Unicode-normalised, no DNS lookup), lower-cased.

    Addresses it cannot read are only trimmed and lower-cased, so lookups never fail.
    """
    if address and _PLAIN.fullmatch(address) and "xn--" not in address.lower():
        return address.lower()
    try:
        return validated(address)
    except EmailNotValidError:
        return (address or "").strip().lower()


def validated(address: str) -> str:
    """The normal form of a valid address. :raise EmailNotValidError: when it is not one."""
    return validate_email(address or "", check_deliverability=False).normalized.lower()
