"""CSV downloads: cells a spreadsheet never runs as formulas, a BOM for Excel, streamed.

Every list organisers download (attendees, signatures, …) goes through :func:`response`, so
the same rules hold everywhere: UTF-8 with a byte-order mark (Excel reads it as UTF-8), one
chunk at a time (memory stays flat for any number of rows), never cached.
"""
import csv
import io

from flask import Response, stream_with_context

#: A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Bytes of CSV gathered before each write to the client.
CHUNK = 64 * 1024


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def lines(header, rows):
    """Encode rows one chunk at a time: a BOM (so spreadsheets read UTF-8), the header, the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    yield "\ufeff" + _drain(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        if buffer.tell() > CHUNK:
            yield _drain(buffer)
    yield _drain(buffer)


def response(header, rows, filename: str) -> Response:
    """A streamed CSV download of *rows* under *header*, never stored by a cache."""
    return Response(stream_with_context(lines(header, rows)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate(0)
    return text
