"""Share previews: the 1200×630 PNG that link previews (Open Graph, Twitter cards) show.

Drawn here with Pillow and the DejaVu fonts bundled in static/fonts (Cyrillic and Polish
glyphs; no font from another host), so a shared link never makes anyone's client call a third
party. Images are kept per (text, language) in each process: a petition's image changes with
its count, which is part of the key and of the image's URL.
"""
import io
from functools import lru_cache
from pathlib import Path

from flask import Response
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
MARGIN = 72
FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"
BACKGROUND, BAND, INK, MUTED = "#ffffff", "#a4161a", "#1d1f23", "#5d6470"


def _font(bold: bool, size: int):
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")),
                              size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Greedy word wrap to *width* pixels; a word longer than a line is cut."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def _fitted_title(draw, title: str, width: int, max_lines: int):
    """The largest font (64 down to 36 px) that fits the title in *max_lines*, else ellipsis."""
    for size in range(64, 35, -4):
        font = _font(True, size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines[max_lines - 1] = lines[max_lines - 1].rstrip(" .,:;") + "…"
    return font, lines[:max_lines]


@lru_cache(maxsize=256)
def render(title: str, site: str, figure: str = "", caption: str = "") -> bytes:
    """A PNG: the site's name on a band, the title, and at the bottom an optional big figure
    (a petition's count) followed by a caption (what the figure counts, an event's date)."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 96), fill=BAND)
    draw.text((MARGIN, 48), site, font=_font(True, 34), fill="#ffffff", anchor="lm")
    width = SIZE[0] - 2 * MARGIN
    font, lines = _fitted_title(draw, title, width, 3 if figure or caption else 5)
    y = 150
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=INK)
        y += int(font.size * 1.25)
    left = MARGIN
    if figure:
        big = _font(True, 88)
        draw.text((MARGIN, SIZE[1] - 60), figure, font=big, fill=BAND, anchor="ls")
        left += draw.textlength(figure, font=big) + 24
    if caption:
        small = _font(False, 40 if figure else 36)
        caption = _wrap(draw, caption, small, SIZE[0] - MARGIN - left)[0]
        draw.text((left, SIZE[1] - 68), caption, font=small, fill=MUTED, anchor="ls")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def png_response(data: bytes) -> Response:
    """The image, cacheable for an hour by clients and link-preview services."""
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
