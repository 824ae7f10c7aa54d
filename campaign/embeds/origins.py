"""Allowed origins: read what an organiser typed, keep only well-formed web origins.

An origin goes verbatim into a ``Content-Security-Policy`` header, so it is rebuilt from its
checked parts (scheme, host, port) and never copied from the input: a ``;`` or a quote typed
by someone could otherwise add a directive of their own.
"""
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

MAX_ORIGINS = 20
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class BadOrigin(ValueError):
    """Why a line is not an origin (a translatable message)."""


def parse(text: str) -> list[str]:
    """The origins in *text* (one per line, or separated by spaces or commas), normalised,
    without duplicates, in the order typed. :raise BadOrigin: naming the first bad one."""
    found = []
    for item in re.split(r"[\s,]+", text or ""):
        if not item:
            continue
        origin = normalise(item)
        if origin not in found:
            found.append(origin)
    if len(found) > MAX_ORIGINS:
        raise BadOrigin(_l("At most %(max)d websites, please.", max=MAX_ORIGINS))
    return found


def normalise(item: str) -> str:
    """``https://Example.org:443/`` → ``https://example.org``. :raise BadOrigin:"""
    problem = _l("“%(item)s” is not a website address like https://www.example.org.",
                 item=item[:100])
    if len(item) > 300:
        raise BadOrigin(problem)
    try:
        parts = urlsplit(item)
        port = parts.port
    except ValueError as error:
        raise BadOrigin(problem) from error
    if parts.scheme not in _DEFAULT_PORTS or parts.username or parts.password \
            or parts.path not in ("", "/") or parts.query or parts.fragment or not parts.hostname:
        raise BadOrigin(problem)
    host = _host(parts.hostname)
    if host is None:
        raise BadOrigin(problem)
    origin = f"{parts.scheme}://{host}"
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        origin += f":{port}"
    return origin


def _host(hostname: str) -> str | None:
    """The host as a CSP source may hold it: DNS labels (IDNs as punycode) or an IPv4."""
    try:
        host = hostname.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:
        return None
    if _IPV4.match(host):
        return host if all(int(part) < 256 for part in host.split(".")) else None
    labels = host.split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        return None
    return host
