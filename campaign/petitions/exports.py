"""Exports for delivery: a streamed CSV (constant memory) and a printable page."""
import csv
import io

from flask import Response, request, stream_template, stream_with_context

from campaign.petitions import queries, stats
from campaign.petitions.admin import bp
from campaign.core.countries import country_name
from campaign.petitions.models import SignatureState
from campaign.petitions.queries import SignatureFilter

#: What the addressee may see: names only of those who agreed to be public.
PUBLIC_COLUMNS = ("name", "country", "country_name", "verified_on")
#: Everything, for the organisers' own records (asked for explicitly).
FULL_COLUMNS = ("id", "name", "email", "country", "comment", "public", "updates", "lang",
                "state", "consent_version", "created_at", "verified_at", "invalidated_at",
                "ip_hash")
#: Bytes of CSV gathered before each write to the client.
CHUNK = 64 * 1024
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def public_row(signature) -> list:
    return [signature.name if signature.public else "", signature.country,
            country_name(signature.country, "en"),
            signature.verified_at.date() if signature.verified_at else None]


def full_row(signature) -> list:
    return [getattr(signature, column) for column in FULL_COLUMNS]


def csv_lines(header, rows):
    """Encode rows one at a time: a BOM (so spreadsheets read UTF-8), the header, the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield "\ufeff" + _drain(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        if buffer.tell() > CHUNK:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate(0)
    return text


@bp.get("/<int:petition_id>/export.csv")
def export_csv(petition_id):
    """Stream the verified signatures as CSV; ``full=1`` adds private fields and all states."""
    petition = queries.get_petition(petition_id)
    full = request.args.get("full") == "1"
    if full:
        columns, make_row, filters = FULL_COLUMNS, full_row, SignatureFilter()
    else:
        columns, make_row = PUBLIC_COLUMNS, public_row
        filters = SignatureFilter(state=SignatureState.VERIFIED.value)
    rows = (make_row(s) for s in queries.stream(petition, filters))
    name = f"{petition.slug}-{'full' if full else 'signatures'}.csv"
    return Response(stream_with_context(csv_lines(columns, rows)),
                    mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


@bp.get("/<int:petition_id>/delivery")
def delivery(petition_id):
    """A printable page for the addressee: text, total, countries, public names."""
    petition = queries.get_petition(petition_id)
    # The page streams after the request's session has closed: read its texts now.
    texts = {field: petition.text(field) for field in ("title", "target", "text")}
    return Response(stream_template(
        "petitions/admin/delivery.html", petition_id=petition.id, texts=texts,
        progress=queries.progress(petition, fresh=True),
        countries=stats.by_country(petition), names=queries.public_names(petition)))
