"""Where a webhook may go: http(s) to public addresses only (no server-side request forgery).

A URL is checked when an owner saves it and again before every delivery, on the addresses its
host resolves to at that moment; the delivery then connects to the checked address itself,
so a name that resolves to a public address when checked and to 127.0.0.1 a moment later
(DNS rebinding) still reaches only the checked one. Loopback, private, link-local, shared
(CGNAT), multicast, reserved and unspecified ranges are refused, for IPv4 and IPv6, including
IPv4 written inside IPv6 (``::ffff:127.0.0.1``, NAT64). ``WEBHOOKS_ALLOW_PRIVATE = True``
lifts the address check (a CRM on the NGO's own network; the tests' receiver on 127.0.0.1).
"""
import ipaddress
import socket
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


#: Why a URL is refused: the owner reads the sentence, the delivery log the key.
REASONS = {
    "invalid": _l("This is not a valid address."),
    "scheme": _l("Only http:// and https:// addresses can receive webhooks."),
    "credentials": _l("Leave the user name and password out of the address."),
    "unresolved": _l("This host name does not resolve."),
    "private network": _l("This address points into a private network (or this machine). "
                          "Webhooks go only to addresses on the public internet."),
}


class Refused(ValueError):
    """The URL may not be used: ``str()`` is the key (for logs, also outside a request),
    ``reason`` the sentence for the owner."""

    @property
    def reason(self):
        return REASONS[self.args[0]]


def parse(url: str):
    """(scheme, host, port) of an absolute http(s) URL without credentials.

    :raise Refused: another scheme, no host, a user or password, a bad port.
    """
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        raise Refused("invalid") from None
    if parts.scheme not in ("http", "https"):
        raise Refused("scheme")
    if not parts.hostname:
        raise Refused("invalid")
    if parts.username or parts.password:
        raise Refused("credentials")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def is_public(address: str) -> bool:
    """Whether *address* (an IP, v4 or v6) is one anybody on the internet could reach."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.ip_address(int(ip) & 0xFFFFFFFF)
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback
                                 or ip.is_link_local or ip.is_private or ip.is_unspecified)


def resolve(url: str) -> tuple[str, str, int, list[str]]:
    """(scheme, host, port, the addresses to connect to) for *url*, every address of its
    host checked.

    :raise Refused: not http(s), the host does not resolve, or one of its addresses is not
        public (unless WEBHOOKS_ALLOW_PRIVATE).
    """
    scheme, host, port = parse(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused("unresolved") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not addresses:
        raise Refused("unresolved")
    if not current_app.config["WEBHOOKS_ALLOW_PRIVATE"] and not all(map(is_public, addresses)):
        raise Refused("private network")
    return scheme, host, port, addresses
