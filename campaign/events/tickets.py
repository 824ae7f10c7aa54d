"""Check-in codes: what the QR code in a confirmation carries, and how the door reads it back.

A code is 16 random characters of Crockford's base 32 (80 bits): it names no person, no
address and no row, and cannot be guessed. It is shown in groups of four ("7KQ2-M9TX-…") for
anyone who has to type it, and read back forgivingly: case, spaces and dashes do not matter,
and O, I and L are read as 0, 1 and 1. Its QR code uses the alphanumeric mode (capitals,
digits, dashes), the smallest for this alphabet.

Pure functions: nothing here touches the database or the request.
"""
import hashlib
import io
import secrets

import segno
from markupsafe import Markup

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """"7KQ2M9TX…" → "7KQ2-M9TX-…": what the QR code holds and what a person types."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalise(text: str | None) -> str | None:
    """The stored form of what was scanned or typed, or None when it cannot be a code."""
    if not text or len(text) > 64:
        return None
    code = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def fingerprint(code: str) -> str:
    """What the scanner page holds to recognise a code offline: the start of its SHA-256
    (64 bits), from which the code cannot be recovered."""
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def _qr(code: str):
    return segno.make(display(code), error="m", mode="alphanumeric")


def qr_svg(code: str, label: str) -> Markup:
    """The QR code as an inline SVG image named *label* (for screen readers)."""
    svg = _qr(code).svg_inline(scale=6, border=4, title=None, omitsize=True,
                               svgclass="ticket-qr", light="#fff")
    svg = svg.replace("<svg ", '<svg role="img" ', 1)
    return Markup(svg.replace(">", f"><title>{Markup.escape(label)}</title>", 1))


def qr_png(code: str) -> bytes:
    """The QR code as a PNG (for e-mail, where inline SVG is not shown)."""
    out = io.BytesIO()
    _qr(code).save(out, kind="png", scale=8, border=4)
    return out.getvalue()
