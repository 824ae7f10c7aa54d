"""Organiser-written Markdown, rendered to sanitised HTML or to plain text."""
import html
import re
import threading
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
                "h2", "h3", "h4", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
#: One Markdown converter per thread: building one per call costs more than converting.
_converters = threading.local()


def _convert(text: str, extensions: tuple = (), **options) -> str:
    key = (extensions, tuple(sorted(options.items())))
    converters = _converters.__dict__
    converter = converters.get(key)
    if converter is None:
        converter = converters[key] = md.Markdown(extensions=list(extensions), **options)
    return converter.reset().convert(text)


def to_html(text: str | None) -> Markup:
    """Markdown → HTML with only harmless tags and http(s)/mailto links."""
    return Markup(_to_html(text or ""))


@lru_cache(maxsize=2048)
def _to_html(text: str) -> str:
    """Cached: the same campaign texts are rendered on every page view."""
    rendered = _convert(text, ("sane_lists",), output_format="html")
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def to_text(text: str | None) -> str:
    """Markdown → readable plain text (the text part of e-mails); links become "label (url)"."""
    return _to_text(text or "")


@lru_cache(maxsize=4096)
def _to_text(text: str) -> str:
    """Cached: a feed rebuild or a bulk send converts the same texts again."""
    rendered = nh3.clean(_convert(text), tags={"p", "li", "br", "a"},
                         attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"},
                         link_rel=None)
    rendered = _LINK.sub(lambda m: m.group(2) if m.group(2) == m.group(1)
                         else f"{m.group(2)} ({m.group(1)})", rendered)
    rendered = rendered.replace("<li>", "- ")
    rendered = re.sub(r"</p>|</li>|<br ?/?>", "\n", rendered)
    rendered = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    return re.sub(r"\n{3,}", "\n\n", rendered).strip()
