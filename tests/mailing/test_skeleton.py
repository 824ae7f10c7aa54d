"""The skeleton build (skeleton.py) writes what mime.build writes: the same header lines (but
Date and the MIME boundary), the same decoded bodies and the same logged headers, for any
subject, display name, Reply-To and body a letter or a bulk send can carry."""
import re
from email import message_from_bytes
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.mailing import mime, skeleton
from campaign.mailing.render import Rendered

_BOUNDARY = re.compile(rb'boundary="[^"]*"|=+\d+==')

#: Text as people type it: letters of several scripts, punctuation, specials, line breaks,
#: encoded-word look-alikes, runs of spaces; long enough to need folding.
_piece = st.sampled_from([
    "Anna", "Kowalska", "Ольга", "więźniów", "Zhanaozen", "O'Brien", "J.", "Smith, Jr.",
    "\"quoted\"", "a\\b", "(note)", "<x>", "@", ":", ";", "=?utf-8?q?x?=", "=?", "—", "😀",
    "über", "x" * 40, "Stop torture in Kazakhstan: Save political prisoners", "\t", "  ",
    "Мы", "&", "%", "#1", "\u2028", "\x0c"])
_words = st.lists(_piece, min_size=0, max_size=8).map(" ".join)
_body = st.lists(st.one_of(_piece, st.just("\n"), st.just("\r\n"), st.just("\r"),
                           st.just("."), st.just("="), st.just("From ")),
                 max_size=40).map("".join)
_address = st.sampled_from(["mep.one@europarl.europa.eu", "a+tag@sub.example.org",
                            "A.B@Example.ORG", "a..b@example.org", "x@y", "żółw@example.org",
                            "two words@example.org", "quo\"te@example.org",
                            "o'brien+x@mail.example.org", "-x-@-y-.org", "a.@b.org"])


def _both(row, rendered, url):
    """(slow bytes, slow logged headers, fast bytes, fast logged headers); None for a message
    mime.build refuses (the worker then fails the row either way)."""
    try:
        email = mime.build(row, rendered, unsubscribe_url=url)
        slow = email.as_bytes()
    except ValueError:
        slow = None
    shape = skeleton.Skeleton(row, rendered, skeleton.Headers())
    try:
        fast, logged = shape.fill(row, rendered, url)
    except ValueError:
        assert slow is None, "the skeleton refused what mime.build wrote"
        return None
    assert slow is not None, "the skeleton wrote what mime.build refuses"
    return slow, mime.logged_headers(email), fast, logged


def _head(data: bytes) -> list[bytes]:
    head = data.split(b"\r\n\r\n", 1)[0]
    return [line for line in re.split(rb"\r\n(?![ \t])", _BOUNDARY.sub(b"", head))
            if not line.startswith(b"Date:")]


def _bodies(data: bytes) -> list:
    return [(part.get_content_type(), dict(part.items()), part.get_payload(decode=True))
            for part in message_from_bytes(data).walk() if not part.is_multipart()]


def _check(row, rendered, url):
    both = _both(row, rendered, url)
    if both is None:
        return
    slow, slow_logged, fast, fast_logged = both
    assert _head(fast) == _head(slow)
    assert _bodies(fast) == _bodies(slow)
    slow_logged.pop("Date"), fast_logged.pop("Date")
    assert fast_logged == slow_logged
    assert skeleton.equivalent(slow, fast)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=_words, from_name=st.one_of(st.none(), _words),
       reply_to=st.one_of(st.none(), st.tuples(_words, _address)), text=_body, html=_body,
       transactional=st.booleans(), lang=st.sampled_from(["en", "ru", "pl"]))
def test_a_letter_built_from_its_skeleton_is_the_one_mime_build_writes(
        mail_app, subject, from_name, reply_to, text, html, transactional, lang):
    subject = " ".join(subject.split())  # as render() leaves every subject
    row = SimpleNamespace(id=7, key="letter:7", to_address="mep.one@europarl.europa.eu",
                          lang=lang, transactional=transactional)
    rendered = Rendered(subject=subject or "-", text=text, html=html, from_name=from_name,
                        reply_to=reply_to)
    _check(row, rendered, None if transactional else "https://example.org/en/unsubscribe/tok")


@pytest.mark.parametrize("to", ["p1@example.org", "A.B@Example.ORG", "a+tag@sub.example.org",
                                "a..b@example.org", f"{'x' * 64}@{'y' * 60}.example.org"])
def test_the_to_header_of_a_skeleton_message_is_mime_builds(mail_app, to):
    row = SimpleNamespace(id=1, key="bench:1", to_address=to, lang="en", transactional=False)
    rendered = Rendered(subject="News", text="Hello\n", html="<p>Hello</p>\n")
    assert skeleton.shape_key(row, rendered) is not None
    _check(row, rendered, "https://example.org/en/unsubscribe/tok")


def test_attachments_and_unusual_addresses_take_the_slow_way(mail_app):
    row = SimpleNamespace(id=1, key="k", to_address="two words@example.org", lang="en",
                          transactional=True)
    assert skeleton.shape_key(row, Rendered(subject="s", text="t", html="h")) is None
    row.to_address = "a@example.org"
    with_ics = Rendered(subject="s", text="t", html="h",
                        attachments=[("event.ics", "text/calendar", b"BEGIN:VCALENDAR")])
    assert skeleton.shape_key(row, with_ics) is None
