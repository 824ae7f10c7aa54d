"""Turn a rendered outbox row into the e-mail that goes out: headers and both bodies."""
import hashlib
import hmac
from email.header import Header
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, formataddr, parseaddr
from urllib.parse import urlsplit

from flask import current_app

from campaign import clock
from campaign.mailing import links
from campaign.mailing.render import Rendered

#: Headers kept in the mail log (the bodies are kept beside them).
LOGGED_HEADERS = ("From", "Reply-To", "To", "Subject", "Date", "Message-ID", "Content-Language",
                  "Auto-Submitted", "List-Unsubscribe", "List-Unsubscribe-Post")


class HeaderClasses(HeaderRegistry):
    """The standard registry, except that it makes each header class once: the standard one
    creates a new class with ``type()`` for every header of every message (a tenth of the
    CPU of building a letter). The classes it makes are stateless, so one serves all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._made: dict[str, type] = {}

    def __getitem__(self, name):
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().__getitem__(name)
        return made

    def map_to_type(self, name, cls):
        super().map_to_type(name, cls)
        self._made.pop(name.lower(), None)

class MailPolicy(EmailPolicy):
    """SMTP's policy (CRLF), except for two kinds of header.

    The standard folding turns a long ``List-Unsubscribe: <https://…>`` into RFC 2047
    encoded words, which mail programs do not read as a link. These values are plain ASCII
    and far below SMTP's 998-character line limit, so they stay on one line as they are.

    A long non-ASCII subject folded by the standard policy can end a line with a space
    before an encoded word ("uratujmy ⏎ =?utf-8?b?…?="): unfolded, the recipient reads two
    spaces. Such subjects are written entirely as encoded words, whose folds disappear.

    Address headers whose display names are not ASCII ("Ольга via …" <campaign@…>) are
    written the same way, name by name: the standard folding re-parses and re-encodes such a
    header word by word, 5 ms of CPU for one letter's From — most of a letter's cost.
    """

    UNFOLDED = ("list-unsubscribe", "message-id")
    ENCODED = ("subject",)
    ADDRESSES = ("from", "reply-to", "to")

    def fold(self, name, value):
        folded = self._own_fold(name, value)
        return super().fold(name, value) if folded is None else folded

    def fold_binary(self, name, value):
        folded = self._own_fold(name, value)
        return super().fold_binary(name, value) if folded is None else folded.encode("ascii")

    def _own_fold(self, name, value) -> str | None:
        """The header line when written here; None for the standard folding."""
        key = name.lower()
        if key in self.UNFOLDED:
            return f"{name}: {value}{self.linesep}"
        if key in self.ENCODED and not str(value).isascii():
            return f"{name}: {self._encoded_words(name, value)}{self.linesep}"
        if key in self.ADDRESSES and not str(value).isascii():
            addresses = self._encoded_addresses(name, value)
            return None if addresses is None else f"{name}: {addresses}{self.linesep}"
        return None

    def _encoded_addresses(self, name, value) -> str | None:
        """Each address with its display name as encoded words; None when an address itself
        is not ASCII (that needs SMTPUTF8, which the standard policy handles)."""
        found = []
        for address in getattr(value, "addresses", ()):
            if not address.addr_spec.isascii() or not address.addr_spec:
                return None
            display = address.display_name
            if not display:
                found.append(address.addr_spec)
            elif display.isascii():
                found.append(formataddr((display, address.addr_spec)))
            else:
                found.append(self.encoded_address(name, display, address.addr_spec))
        return ", ".join(found) if found else None

    def encoded_address(self, name, display: str, addr_spec: str) -> str:
        """One address whose display name is written as encoded words."""
        return f"{self._encoded_words(name, display)} <{addr_spec}>"

    def _encoded_words(self, name, value) -> str:
        return Header(str(value), "utf-8", header_name=name).encode(
            linesep=self.linesep, maxlinelen=self.max_line_length)


SMTP_POLICY = MailPolicy(linesep="\r\n", header_factory=HeaderClasses())


def message_id_domain() -> str:
    """MAIL_MESSAGE_ID_DOMAIN, else BASE_URL's host: never resolved, so never slow."""
    configured = current_app.config.get("MAIL_MESSAGE_ID_DOMAIN")
    return configured or urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"


def message_id(row) -> str:
    """The row's Message-ID: the same on every attempt, so a duplicate is recognisable.

    A keyed hash of the row, so it reveals neither the row count nor the uniqueness key.
    """
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, f"outbox:{row.id}:{row.key}".encode(), hashlib.sha256)
    return f"<{digest.hexdigest()[:32]}@{message_id_domain()}>"


def sender() -> str:
    default = current_app.extensions["mail"].default_sender
    return formataddr(default) if isinstance(default, (tuple, list)) else default


def from_header(display_name: str | None) -> str | Address:
    """The site's sender, under *display_name* when a kind gives one (never another address:
    mail From someone else's domain fails SPF and DMARC)."""
    if not display_name:
        return sender()
    _, address = parseaddr(sender())
    return Address(display_name=" ".join(display_name.split()), addr_spec=address)


def build(row, rendered: Rendered, unsubscribe_url: str | None = None) -> EmailMessage:
    """The e-mail for *row*; :raise ValueError: when the address or subject cannot be a header.

    *unsubscribe_url*: the row's link when the caller has it already (see links.py).
    """
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = from_header(rendered.from_name)
    if rendered.reply_to:
        name, address = rendered.reply_to
        message["Reply-To"] = Address(display_name=" ".join(name.split()), addr_spec=address)
    message["To"] = row.to_address
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = message_id(row)
    # Asks auto-responders (holiday replies) not to answer.
    message["Auto-Submitted"] = "auto-generated"
    if not row.transactional:  # RFC 2369 and RFC 8058 one-click unsubscribe
        url = unsubscribe_url or links.unsubscribe_url(row.to_address, row.lang)
        message["List-Unsubscribe"] = f"<{url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Quoted-printable keeps the message 7-bit clean for any relay.
    message.set_content(rendered.text, cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
    if rendered.inline:  # multipart/related around the HTML: shown in it, not as attachments
        html_part = message.get_payload()[-1]
        for content_id, content_type, data in rendered.inline:
            maintype, subtype = content_type.split("/", 1)
            html_part.add_related(data, maintype=maintype, subtype=subtype,
                                  cid=f"<{content_id}>", disposition="inline",
                                  filename=f"{content_id.split('@')[0]}.{subtype}")
    for filename, content_type, data in rendered.attachments:
        kind, _, rest = content_type.partition(";")
        maintype, subtype = kind.strip().split("/", 1)
        params = dict(part.strip().split("=", 1) for part in rest.split(";") if "=" in part)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename,
                               params=params)
    message["Content-Language"] = row.lang  # after the bodies: set_content drops Content-*
    return message


def logged_headers(message: EmailMessage) -> dict:
    return {name: str(message[name]) for name in LOGGED_HEADERS if message[name] is not None}
