"""Build e-mails as bytes from a skeleton: what :func:`mime.build` gives, without its cost.

Building an :class:`~email.message.EmailMessage` parses every header into a token tree, folds
it back and encodes both bodies in pure Python: most of the CPU of a letter. Yet the
messages of one *shape* (language, transactional or not, with or without a display name and
Reply-To, no attachments) differ only in a few header values and in the bodies. So a shape is
built once by :func:`mime.build` with stand-ins, and each message is those bytes with its own
header lines and bodies put in:

- header values that are plain (printable ASCII, no encoded word, short) are written as they
  stand, which is what the policy writes for them; a non-ASCII subject or display name is
  written by the policy's own encoded-words code (mime.MailPolicy); any other value goes
  through the policy's parse and fold, as in mime.build;
- the bodies are quoted-printable encoded by binascii; the skeleton's MIME boundary cannot
  occur in them (quoted-printable writes every "=" as "=3D", and the boundary is "====…").

The caller builds each shape's first message both ways and compares them (:func:`equivalent`)
before trusting the shape; tests compare the two ways on many generated values.
"""
import binascii
import re
import secrets
from dataclasses import replace
from email import message_from_bytes
from email.headerregistry import Address
from email.utils import format_datetime, parseaddr
from types import SimpleNamespace

from campaign import clock
from campaign.mailing import mime
from campaign.mailing.render import Rendered

#: Addresses whose To header is the address as it stands (no folding, encoding or quoting).
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}")
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
#: Addresses the header registry takes as they stand, without a defect (dot-atom@dot-atom).
_DOT_ATOM_ADDRESS = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")
#: What makes Address.__str__ quote a display name.
_SPECIALS = set('()<>@,:;."[]\\')
#: A display name of atoms (RFC 5322 atext) between single spaces: written unquoted.
_PLAIN_PHRASE = re.compile(rf"{_ATEXT}(?: {_ATEXT})*")
#: Printable ASCII between single spaces, as an unstructured header (Subject) keeps it.
_PLAIN_TEXT = re.compile(r"[!-~]+(?: [!-~]+)*")
_BOUNDARY = re.compile(r'boundary="[^"]*"')
#: Headers that differ from one message of a shape to the next.
PER_MESSAGE = ("from", "reply-to", "to", "subject", "date", "message-id", "list-unsubscribe")
_LINE = mime.SMTP_POLICY.max_line_length
_CRLF = b"\r\n"


def shape_key(row, rendered: Rendered) -> tuple | None:
    """What the skeleton of *row*'s message depends on; None when it has none (attachments,
    inline images, an address that is not plain)."""
    if rendered.attachments or rendered.inline or not PLAIN_ADDRESS.fullmatch(row.to_address):
        return None
    return (row.lang, bool(row.transactional), bool(rendered.from_name),
            bool(rendered.reply_to))


def qp(text: str) -> bytes:
    """*text* as :meth:`EmailMessage.set_content` gives it (its lines as ``bytes.splitlines``
    finds them, CRLF after each), quoted-printable encoded."""
    return binascii.b2a_qp(_CRLF.join(text.encode("utf-8").splitlines()) + _CRLF, istext=True)


class Headers:
    """Header lines for the skeleton's messages, each written once per distinct value."""

    def __init__(self):
        self.lines: dict[tuple, tuple[bytes, str]] = {}

    def line(self, name: str, value) -> tuple[bytes, str]:
        """(the header line as the policy writes it, its value as the mail log keeps it).

        *value*: a string, or (display name, address) for an address header."""
        key = (name, value)
        found = self.lines.get(key)
        if found is None:
            if len(self.lines) > 2000:  # a batch's worth; distinct values need no memory
                self.lines.clear()
            found = self.lines[key] = _line(name, value)
        return found


def _line(name: str, value) -> tuple[bytes, str]:
    if isinstance(value, tuple):
        display, address = value
        if display and _DOT_ATOM_ADDRESS.fullmatch(address) and "=?" not in display:
            line = f"{display} <{address}>"
            if _PLAIN_PHRASE.fullmatch(display) and len(name) + 2 + len(line) <= _LINE:
                return f"{name}: {line}\r\n".encode("ascii"), line
            if not display.isascii() and display.isprintable():
                written = mime.SMTP_POLICY.encoded_address(name, display, address)
                return f"{name}: {written}\r\n".encode("ascii"), _address(display, address)
        # Address raises for an address mime.build refuses
        return _exact(name, Address(display_name=display, addr_spec=address))
    if "=?" in value or not value.isprintable():
        return _exact(name, value)
    key = name.lower()
    if key == "subject":
        if _PLAIN_TEXT.fullmatch(value):
            return _plain(name, value)
        if not value.isascii() and " ".join(value.split()) == value:
            return (f"{name}: {mime.SMTP_POLICY._encoded_words(name, value)}\r\n"
                    .encode("ascii"), value)
    elif key in mime.MailPolicy.UNFOLDED and value.isascii():
        return f"{name}: {value}\r\n".encode("ascii"), value
    elif key in ("to", "date") and (key == "date" or PLAIN_ADDRESS.fullmatch(value)):
        return _plain(name, value)
    return _exact(name, value)


def _address(display: str, address: str) -> str:
    """str(Address(display, addr_spec=address)) for a dot-atom address, without parsing it."""
    if not _SPECIALS.isdisjoint(display):
        display = '"' + display.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{display} <{address}>"


def _plain(name: str, value: str) -> tuple[bytes, str]:
    """The value as it stands, which is what the policy writes for a short ASCII value of
    plain words; else the policy's own fold."""
    if not value.isascii() or len(name) + 2 + len(value) > _LINE:
        return _exact(name, value)
    return f"{name}: {value}\r\n".encode("ascii"), value


def _exact(name: str, value) -> tuple[bytes, str]:
    """What mime.build writes: the policy's own parse and fold.

    :raise ValueError: as mime.build does (a value no header can carry)."""
    policy = mime.SMTP_POLICY
    _, header = policy.header_store_parse(name, value)
    return policy.fold_binary(name, header), str(header)


class Skeleton:
    """The e-mail of one shape as bytes, with stand-ins for what differs per message."""

    def __init__(self, row, rendered: Rendered, headers: Headers):
        token = secrets.token_hex(12)
        self.text, self.html = f"TEXT-{token}", f"HTML-{token}"
        stand_in_row = SimpleNamespace(id=0, key=token, to_address=f"to-{token}@stand-in.invalid",
                                       lang=row.lang, transactional=row.transactional)
        shell = replace(rendered, text=self.text, html=self.html,
                        subject=f"SUBJECT-{token}", from_name=rendered.from_name and "FROM",
                        reply_to=rendered.reply_to and ("REPLY", f"r-{token}@stand-in.invalid"))
        email = mime.build(stand_in_row, shell, unsubscribe_url=f"https://stand-in.invalid/{token}")
        self.logged = mime.logged_headers(email)
        self.headers = headers
        self.sender, self.sender_address = mime.sender(), parseaddr(mime.sender())[1]
        head, body = email.as_bytes().split(_CRLF * 2, 1)
        #: The header block: constant lines, and the names of per-message ones in their place.
        self.head: list[bytes | str] = []
        for line in head.split(_CRLF):
            if line[:1] in (b" ", b"\t"):  # a folded line continues the one before
                self.head[-1] += _CRLF + line
                continue
            name = line.split(b":", 1)[0].decode("ascii")
            self.head.append(name if name.lower() in PER_MESSAGE else line)
        self.head = [part + _CRLF if isinstance(part, bytes) else part for part in self.head]
        # Split around the two bodies.
        before, rest = body.split(self.text.encode() + _CRLF, 1)
        middle, tail = rest.split(self.html.encode() + _CRLF, 1)
        self.body = (_CRLF + before, middle, tail)

    def fill(self, row, rendered: Rendered, unsubscribe_url: str | None) -> tuple[bytes, dict]:
        """(the message's bytes, its logged headers).

        :raise ValueError: when a value cannot be a header (as mime.build would)."""
        values = {"From": self.sender, "To": row.to_address, "Subject": rendered.subject,
                  "Date": format_datetime(clock.now()), "Message-ID": mime.message_id(row)}
        if rendered.from_name:  # as mime.from_header
            values["From"] = (" ".join(rendered.from_name.split()), self.sender_address)
        if rendered.reply_to:
            name, address = rendered.reply_to
            values["Reply-To"] = (" ".join(name.split()), address)
        if unsubscribe_url is not None:
            values["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        logged, pieces = dict(self.logged), []
        for part in self.head:
            if isinstance(part, bytes):
                pieces.append(part)
                continue
            line, logged[part] = self.headers.line(part, values[part])
            pieces.append(line)
        before, middle, tail = self.body
        pieces += (before, qp(rendered.text), middle, qp(rendered.html), tail)
        return b"".join(pieces), logged


def equivalent(slow: bytes, fast: bytes) -> bool:
    """Same headers (but Date and the MIME boundary) and the same decoded parts."""
    def parts(data):
        email = message_from_bytes(data)  # compat32: raw header text, cheaper than parsing it
        headers = [(k, _BOUNDARY.sub("", v)) for k, v in email.items() if k.lower() != "date"]
        bodies = [(part.get_content_type(), part.get_payload(decode=True))
                  for part in email.walk() if not part.is_multipart()]
        return headers, bodies
    return parts(slow) == parts(fast)
