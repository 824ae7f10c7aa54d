"""E-mail addresses in one form everywhere: stored, compared, and on the suppression list."""
from email_validator import EmailNotValidError, validate_email


def normalise(address: str) -> str:
    """email-validator's normal form (Unicode-normalised, no DNS lookup), lower-cased.

    Addresses it cannot read are only trimmed and lower-cased, so lookups never fail.
    """
    try:
        return validated(address)
    except EmailNotValidError:
        return (address or "").strip().lower()


def validated(address: str) -> str:
    """The normal form of a valid address. :raise EmailNotValidError: when it is not one."""
    return validate_email(address or "", check_deliverability=False).normalized.lower()
