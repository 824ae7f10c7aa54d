"""HAL+JSON the OSDI way: ``_links`` (with ``osdi:`` CURIEs), ``_embedded`` collections,
and pagination (``page``, ``per_page``, ``total_pages``, ``total_records``, next/prev links).
"""
import json
import math

from flask import Response, current_app, request, url_for
from flask_babel import gettext as _

from campaign.api.problems import Invalid

MEDIA_TYPE = "application/hal+json"
#: Items per page unless the client asks (``per_page``), and the most it may ask for.
PER_PAGE, MAX_PER_PAGE = 25, 100
MAX_PAGE = 10_000
CURIES = [{"name": "osdi", "href": "https://opensupporter.github.io/osdi-docs/{rel}",
           "templated": True}]


def href(endpoint: str, **values) -> dict:
    """A link on the public address (BASE_URL), whatever host the request came to."""
    return {"href": current_app.config["BASE_URL"] + url_for(endpoint, **values)}


def hal(body: dict, status: int = 200, headers: dict | None = None) -> Response:
    """A HAL+JSON response (the CURIEs added to its links)."""
    links = body.setdefault("_links", {})
    links.setdefault("curies", CURIES)
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), status=status,
                    mimetype=MEDIA_TYPE, headers=headers)


def paging() -> tuple[int, int]:
    """(page, per_page) from the query string. :raise Invalid: (400) when out of range."""
    found, errors = {}, {}
    for name, default, most in (("page", 1, MAX_PAGE), ("per_page", PER_PAGE, MAX_PER_PAGE)):
        raw = request.args.get(name)
        try:
            value = default if raw is None else int(raw)
        except ValueError:
            value = None
        if value is None or not 1 <= value <= most:
            errors[name] = [_("A whole number from 1 to %(most)d.", most=most)]
        found[name] = value
    if errors:
        raise Invalid(errors, status=400, message=_("The page asked for does not exist."))
    return found["page"], found["per_page"]


def collection(rel: str, query, represent, endpoint: str, *, represent_page=None,
               **values) -> Response:
    """One page of *query* (a SELECT of rows or models) as an OSDI collection under
    ``_embedded["osdi:<rel>"]``, each item made by *represent* (or all of the page's at once
    by *represent_page*, for what is read in one query for several rows)."""
    from campaign.extensions import db
    import sqlalchemy as sa

    page, per_page = paging()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None)
                                                                      .subquery()))
    rows = [row[0] if len(row) == 1 else row
            for row in db.session.execute(query.limit(per_page).offset((page - 1) * per_page))]
    items = represent_page(rows) if represent_page else [represent(row) for row in rows]
    pages = max(1, math.ceil(total / per_page))
    links = {"self": href(endpoint, page=page, per_page=per_page, **values),
             f"osdi:{rel}": [item["_links"]["self"] for item in items
                             if "self" in item.get("_links", {})]}
    if page < pages:
        links["next"] = href(endpoint, page=page + 1, per_page=per_page, **values)
    if page > 1:
        links["prev"] = href(endpoint, page=min(page - 1, pages), per_page=per_page, **values)
    return hal({"total_pages": pages, "per_page": per_page, "page": page,
                "total_records": total, "_links": links, "_embedded": {f"osdi:{rel}": items}})


def moment(value) -> str | None:
    return value.isoformat() if value is not None else None


def texts(entity, fields) -> dict:
    """{field: {lang: text}} of the languages *entity* has each field in."""
    return {field: {lang: getattr(row, field) for lang, row in sorted(entity.translations.items())
                    if getattr(row, field, None)} for field in fields}


def identifier(kind: str, row_id: int) -> list[str]:
    return [f"{current_app.config.get('API_IDENTIFIER_PREFIX', 'campaign')}:{kind}-{row_id}"]
