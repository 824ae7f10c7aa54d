"""Prepare a claimed batch for sending: render and build each message as cheaply as is safe.

A bulk send is many rows with the same kind, language and payload, differing only in the
address and what derives from it (the personal unsubscribe link, the Message-ID). Such a group
is loaded and rendered once, with a stand-in link, and its e-mail built once as bytes with
stand-ins; each recipient's message is then those bytes with the personal parts substituted
(the bodies quoted-printable encoded per recipient, by binascii). Before a group uses this, the
first recipient's message is built both ways and compared: a template that transforms the link
(or anything else that would make the shortcut wrong) sends the whole group the slow way.
A row alone in its group (payloads naming one person) is rendered and built as before.
"""
import binascii
import json
import logging
import re
import secrets
from dataclasses import dataclass, replace
from email import message_from_bytes
from types import SimpleNamespace

from markupsafe import escape

from campaign.mailing import mime
from campaign.mailing.links import UnsubscribeLinks
from campaign.mailing.render import Rendered, render_row

logger = logging.getLogger("campaign.mailing.batch")

#: Addresses whose To header is the address as it stands (no folding, encoding or quoting).
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}")
_BOUNDARY = re.compile(r'boundary="[^"]*"')


@dataclass
class Prepared:
    """What to send for one row: bytes and what the mail log keeps; or why not."""
    data: bytes | None = None
    content: dict | None = None
    #: "cancelled" (the kind no longer applies) or "failed" (cannot be a message).
    outcome: str | None = None
    error: str | None = None


def group_key(row) -> tuple:
    return (row.kind, row.lang, row.transactional, row.campaign_id,
            json.dumps(row.payload, sort_keys=True, default=str))


class _Group:
    """One (kind, language, payload) in a batch: its context loaded and rendered once."""

    def __init__(self, row, links: UnsubscribeLinks):
        self.links = links
        self.stand_in = f"{links.base_url}/unsubscribe-{secrets.token_hex(12)}"
        self.rendered = render_row(row, self.stand_in)  # may raise: the caller retries the row
        self.skeleton = None  # bytes with stand-ins, once checked against the slow way
        self.checked = False
        if self.rendered is not None and not row.transactional:
            other = f"{links.base_url}/unsubscribe-{secrets.token_hex(12)}"
            again = render_row(row, other)
            self.substitutes = again is not None and _same_but(self.rendered, again,
                                                               self.stand_in, other)
        else:
            self.substitutes = True

    def rendered_for(self, row, url: str | None) -> Rendered:
        if url is None:
            return self.rendered
        return replace(self.rendered, text=self.rendered.text.replace(self.stand_in, url),
                       html=self.rendered.html.replace(self.stand_in, str(escape(url))))




def _same_but(first: Rendered, second: Rendered, a: str, b: str) -> bool:
    """Whether *second* is *first* with the link *a* replaced by *b* (and *a* is in it)."""
    return (a in first.text + first.html and first.subject == second.subject
            and first.text.replace(a, b) == second.text
            and first.html.replace(a, str(escape(b))) == second.html
            and first.attachments == second.attachments)


class Preparer:
    """Prepares the rows of one batch; groups are found from the whole batch up front."""

    def __init__(self, rows):
        self.links = UnsubscribeLinks()
        self.sizes: dict[tuple, int] = {}
        for row in rows:
            key = group_key(row)
            self.sizes[key] = self.sizes.get(key, 0) + 1
        self.groups: dict[tuple, _Group] = {}

    def prepare(self, row) -> Prepared:
        """:raise Exception: when loading or rendering fails (the caller retries the row)."""
        key = group_key(row)
        url = None if row.transactional else self.links.url(row.to_address, row.lang)
        if self.sizes[key] < 2:
            return _slow(row, render_row(row, url), url)
        group = self.groups.get(key) or self.groups.setdefault(key, _Group(row, self.links))
        if group.rendered is None:
            return Prepared(outcome="cancelled")
        rendered = group.rendered_for(row, url)
        if not group.substitutes or not PLAIN_ADDRESS.fullmatch(row.to_address):
            return _slow(row, group.rendered_for(row, url) if group.substitutes
                         else render_row(row, url), url)
        if not group.checked:
            group.checked = True
            slow = _slow(row, rendered, url)
            if slow.data is not None:
                group.skeleton = _Skeleton(row, group)
                fast = group.skeleton.fill(row, rendered, url)
                if not _equivalent(slow.data, fast.data):
                    logger.warning("mail %s: the fast build differs, group built one by one",
                                   row.id)
                    group.skeleton = None
            return slow
        if group.skeleton is None:
            return _slow(row, rendered, url)
        return group.skeleton.fill(row, rendered, url)


def _slow(row, rendered: Rendered | None, url: str | None) -> Prepared:
    """The e-mail built by :func:`message.build` (the reference the fast way must match)."""
    if rendered is None:
        return Prepared(outcome="cancelled")
    try:
        email = mime.build(row, rendered, unsubscribe_url=url)
    except ValueError as error:  # e.g. a line break in the address: no retry will help
        return Prepared(outcome="failed", error=str(error))
    return Prepared(data=email.as_bytes(), content=_content(rendered, email["Message-ID"],
                                                            mime.logged_headers(email)))


def _content(rendered: Rendered, message_id, headers: dict) -> dict:
    return dict(subject=rendered.subject[:300], body_text=rendered.text,
                body_html=rendered.html, message_id=str(message_id), headers=headers)


def _qp(text: str) -> bytes:
    """The body as :meth:`EmailMessage.set_content` encodes it (CRLF, quoted-printable)."""
    return binascii.b2a_qp("\r\n".join(text.splitlines()).encode("utf-8") + b"\r\n",
                           istext=True)


class _Skeleton:
    """A group's e-mail as bytes, with stand-ins for what differs per recipient."""

    def __init__(self, row, group: _Group):
        token = secrets.token_hex(12)
        self.to = f"to-{token}@stand-in.invalid"
        self.text, self.html = f"TEXT-{token}", f"HTML-{token}"
        stand_in_row = SimpleNamespace(id=0, key=token, to_address=self.to, lang=row.lang,
                                       transactional=row.transactional)
        self.message_id = mime.message_id(stand_in_row)
        shell = replace(group.rendered, text=self.text, html=self.html)
        email = mime.build(stand_in_row, shell, unsubscribe_url=group.stand_in)
        self.headers = mime.logged_headers(email)
        data = email.as_bytes()
        self.stand_in = group.stand_in.encode()
        # Split around the two bodies; headers are substituted in the first piece.
        head, rest = data.split(self.text.encode() + b"\r\n", 1)
        middle, tail = rest.split(self.html.encode() + b"\r\n", 1)
        self.pieces = (head, middle, tail)

    def fill(self, row, rendered: Rendered, url: str | None) -> Prepared:
        message_id = mime.message_id(row)
        head, middle, tail = self.pieces
        head = (head.replace(b"To: " + self.to.encode() + b"\r\n",
                             b"To: " + row.to_address.encode() + b"\r\n", 1)
                .replace(self.message_id.encode(), message_id.encode(), 1))
        headers = {**self.headers, "To": row.to_address, "Message-ID": message_id}
        if url is not None:
            head = head.replace(b"<" + self.stand_in + b">", b"<" + url.encode() + b">", 1)
            headers["List-Unsubscribe"] = f"<{url}>"
        data = b"".join((head, _qp(rendered.text), middle, _qp(rendered.html), tail))
        return Prepared(data=data, content=_content(rendered, message_id, headers))


def _equivalent(slow: bytes, fast: bytes) -> bool:
    """Same headers (but Date and the MIME boundary) and the same decoded parts."""
    def parts(data):
        email = message_from_bytes(data)  # compat32: raw header text, cheaper than parsing it
        headers = [(k, _BOUNDARY.sub("", v)) for k, v in email.items() if k.lower() != "date"]
        bodies = [(part.get_content_type(), part.get_payload(decode=True))
                  for part in email.walk() if not part.is_multipart()]
        return headers, bodies
    return parts(slow) == parts(fast)
