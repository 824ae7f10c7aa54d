"""Prepare a claimed batch for sending: render and build each message as cheaply as is safe.

A bulk send is many rows with the same kind, language and payload, differing only in the
address and what derives from it (the personal unsubscribe link, the Message-ID). Such a group
is loaded and rendered once, with a stand-in link, and each recipient's rendering is that one
with their link substituted. Before a group uses this, it is rendered with a second stand-in
and compared: a template that transforms the link renders each row on its own.
A row alone in its group (payloads naming one person, a letter) is rendered on its own; the
rows of a kind that can load its context for many rows at once (``MailKind.preload``) have it
loaded once per batch.

Every message is then built from its shape's skeleton (see skeleton.py), not through
:class:`~email.message.EmailMessage`. Before a shape is used, its first message of the batch
is built both ways and compared: a difference sends the rest of that shape the slow way.
"""
import json
import logging
import secrets
from dataclasses import dataclass, replace

from markupsafe import escape

from campaign.extensions import db
from campaign.mailing import kinds, mime, skeleton
from campaign.mailing.links import UnsubscribeLinks
from campaign.mailing.render import Rendered, render_row

logger = logging.getLogger("campaign.mailing.batch")


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
        self.keys = {row.id: group_key(row) for row in rows}
        for key in self.keys.values():
            self.sizes[key] = self.sizes.get(key, 0) + 1
        self.groups: dict[tuple, _Group] = {}
        #: Skeletons by shape; False for a shape whose fast build differed from the slow one.
        self.shapes: dict[tuple, skeleton.Skeleton | bool] = {}
        self.headers = skeleton.Headers()
        _preload(rows)

    def prepare(self, row) -> Prepared:
        """:raise Exception: when loading or rendering fails (the caller retries the row)."""
        key = self.keys.get(row.id) or group_key(row)
        url = None if row.transactional else self.links.url(row.to_address, row.lang)
        if self.sizes[key] < 2:
            return self.build(row, render_row(row, url), url)
        group = self.groups.get(key) or self.groups.setdefault(key, _Group(row, self.links))
        if group.rendered is None:
            return Prepared(outcome="cancelled")
        return self.build(row, group.rendered_for(row, url) if group.substitutes
                          else render_row(row, url), url)

    def build(self, row, rendered: Rendered | None, url: str | None) -> Prepared:
        """The row's message from its shape's skeleton, once the shape proved right."""
        if rendered is None:
            return Prepared(outcome="cancelled")
        shape = skeleton.shape_key(row, rendered)
        found = self.shapes.get(shape) if shape is not None else False
        if found is None:  # the shape's first message: built both ways and compared
            slow = _slow(row, rendered, url)
            if slow.data is not None:
                found = skeleton.Skeleton(row, rendered, self.headers)
                if not skeleton.equivalent(slow.data, _fast(found, row, rendered, url).data):
                    logger.warning("mail %s: the fast build differs, its shape is built one by "
                                   "one", row.id)
                    found = False
                self.shapes[shape] = found
            return slow
        if found is False:
            return _slow(row, rendered, url)
        return _fast(found, row, rendered, url)


def _preload(rows) -> None:
    """Let each kind that can load its rows' contexts at once do so (see MailKind.preload)."""
    payloads: dict[str, list] = {}
    for row in rows:
        payloads.setdefault(row.kind, []).append(row.payload)
    for name, found in payloads.items():
        try:
            preload = kinds.get(name).preload
            if preload is not None:
                preload(found)
        except Exception:  # each row then loads its own, and fails (and retries) on its own
            logger.exception("mail: preloading %s failed", name)
            db.session.rollback()


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


def _fast(found: skeleton.Skeleton, row, rendered: Rendered, url: str | None) -> Prepared:
    try:
        data, headers = found.fill(row, rendered, url)
    except ValueError:  # a value no header carries: the slow way says why
        return _slow(row, rendered, url)
    return Prepared(data=data, content=_content(rendered, headers["Message-ID"], headers))
