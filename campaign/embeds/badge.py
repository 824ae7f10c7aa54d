"""The petition's counter badge: a small SVG (text in, bytes out), like a README shield.

No font is loaded (the viewer's own sans-serif draws it), so the width of each half is an
estimate from the characters; the text is XML-escaped and stripped of characters XML 1.0
cannot hold.
"""
import re

from markupsafe import escape

HEIGHT = 20
FONT_SIZE = 11
PADDING = 6
MAX_LABEL = 48
#: Characters wider than the average in common sans-serif faces (Latin and Cyrillic).
_WIDE = set("MWmwШЩЖЮЫмшщжюыФф@%")
_NARROW = set("ijlI.,:;'!|() ")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text_width(text: str) -> int:
    """An estimate, in pixels at FONT_SIZE, that errs on the wide side."""
    return round(sum(9.5 if c in _WIDE else 3.6 if c in _NARROW else 7.0 for c in text))


def clean(text: str, limit: int) -> str:
    text = " ".join(_NOT_XML.sub("", text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def render(label: str, value: str, title: str) -> bytes:
    """Two halves: *label* (the petition) on grey, *value* (the count) on green; *title*
    is what a screen reader says."""
    label, value = clean(label, MAX_LABEL), clean(value, 80)
    left = text_width(label) + 2 * PADDING
    right = text_width(value) + 2 * PADDING
    width = left + right
    e = escape
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" \
viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{e(clean(title, 200))}">
<title>{e(clean(title, 200))}</title>
<rect width="{left}" height="{HEIGHT}" rx="3" fill="#3d3d3d"/>
<rect x="{left}" width="{right}" height="{HEIGHT}" rx="3" fill="#1a7f37"/>
<rect x="{left - 3}" width="6" height="{HEIGHT}" fill="#1a7f37"/>
<g fill="#fff" font-family="Verdana, 'DejaVu Sans', system-ui, sans-serif" \
font-size="{FONT_SIZE}">
<text x="{PADDING}" y="14">{e(label)}</text>
<text x="{left + PADDING}" y="14">{e(value)}</text>
</g>
</svg>
""".encode()
