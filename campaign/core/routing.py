"""URL converters: ``<int:…>`` ids that the databases can hold (no overflow → 500); WSGI
layers put right in front of Flask."""
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

#: The largest id any of our tables can hold on every engine (a 32-bit signed integer).
MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """``<int:…>`` that does not match numbers past MAX_ID: those are plain 404s."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def row_id(value) -> int | None:
    """An id from a query argument (``?after=123``) if the databases can hold it, else None."""
    return int(value) if isinstance(value, str) and value.isdigit() \
        and 0 < int(value) <= MAX_ID else None


def init_app(app):
    """Make every ``<int:…>`` in the app bounded."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def page_number(value, default: int = 1) -> int:
    """A ?page= argument within 1…10,000; anything else shows the first page."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 1 <= number <= 10_000 else default


def install_in_front(app, make_layer) -> None:
    """Wrap Flask's WSGI app in ``make_layer(inner_wsgi_app)``, inside ProxyFix (so the layer
    sees the real scheme and host, as Flask does)."""
    holder, name = app, "wsgi_app"
    while isinstance(getattr(holder, name), ProxyFix):
        holder, name = getattr(holder, name), "app"
    setattr(holder, name, make_layer(getattr(holder, name)))
