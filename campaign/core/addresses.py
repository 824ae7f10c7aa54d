"""E-mail addresses in one form everywhere: stored, compared, and on the suppression list.

Canonical form (for duplicates: one signature, one letter per person): lower-case; for the
providers listed below the ``+tag`` is dropped (they deliver ``ana+petition@`` to ``ana@``);
for Gmail the dots of the local part are dropped too and googlemail.com is gmail.com. Other
providers keep dots and tags: for them ``a.b@`` and ``ab@`` may be two different people.
"""
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


#: Providers that ignore dots in the local part.
DOTS_IGNORED = {"gmail.com"}
#: Other names of the same mailbox domain.
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
#: Providers that deliver ``name+tag@`` to ``name@`` (sub-addressing).
PLUS_TAGS = {
    "gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com",
    "mac.com", "fastmail.com", "fastmail.fm", "proton.me", "protonmail.com", "protonmail.ch",
    "pm.me", "posteo.de", "posteo.net", "mailbox.org", "yandex.ru", "yandex.com", "ya.ru",
    "runbox.com", "zoho.com",
}


def forms(address: str) -> tuple[str, str, str]:
    """(stored form, canonical form, domain) of *address*, normalising it once."""
    normal = normalise(address)
    return normal, _canonical(normal), _domain(normal)


def domain_of(address: str) -> str:
    """The part after the last @ (lower-case), or '' when there is none."""
    return _domain(normalise(address))


def canonical(address: str) -> str:
    """The form two addresses share when they reach the same mailbox."""
    return _canonical(normalise(address))


def _domain(normal: str) -> str:
    _, at, domain = normal.rpartition("@")
    return domain if at else ""


def _canonical(normal: str) -> str:
    local, at, domain = normal.rpartition("@")
    if not at:
        return normal
    domain = DOMAIN_ALIASES.get(domain, domain)
    if domain in PLUS_TAGS:
        local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local = local.replace(".", "")
    return f"{local}@{domain}"
