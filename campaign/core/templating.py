"""Jinja filters and globals: dates in the page's language, Markdown, the language switcher."""
from urllib.parse import quote

from babel import Locale
from babel.core import get_global
from flask import current_app, g, request, url_for

from campaign.core import forms, i18n, markdown


def init_app(app):
    """Register the template helpers."""
    app.jinja_env.filters.update(
        day=i18n.format_day,
        moment=i18n.format_moment,
        span=i18n.format_span,
        local_time=i18n.format_time,
        markdown=markdown.to_html,
        ordinal=i18n.ordinal,
    )
    app.context_processor(template_globals)


def public_url(endpoint: str, **values) -> str:
    """An absolute link on the public address (CAMPAIGN_BASE_URL), whatever host was asked."""
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def page_public_url() -> str | None:
    """This page's own address on BASE_URL (og:url), or None on error pages."""
    if not request or not request.endpoint or request.view_args is None:
        return None
    return public_url(request.endpoint, **request.view_args)


def og_locale(lang: str) -> str:
    """The page's locale as Open Graph writes it (en_GB, ru_RU, pl_PL)."""
    locale = i18n.format_locale(lang)
    territory = locale.territory or _likely_territory(locale.language)
    return "_".join(filter(None, (locale.language, territory)))


def _likely_territory(language: str) -> str | None:
    """CLDR's likely territory of a language: ru → RU, pl → PL, uk → UA."""
    likely = get_global("likely_subtags").get(language)
    return Locale.parse(likely).territory if likely else None


def template_globals():
    return {
        "public_url": public_url,
        "page_public_url": page_public_url,
        "og_locale": og_locale,
        "current_language": i18n.current_language(),
        "language_links": OnFirstUse(language_links),
        "language_names": i18n.language_names(),
        "language_sections_of": forms.language_sections,
    }


class OnFirstUse:
    """A list made when a template first reads it. The language switcher's links cost a
    url_for per language on every render, and only pages show them (not e-mail)."""

    def __init__(self, make):
        self._make, self._items = make, None

    def _list(self) -> list:
        if self._items is None:
            self._items = self._make()
        return self._items

    def __iter__(self):
        return iter(self._list())

    def __len__(self):
        return len(self._list())

    def __getitem__(self, index):
        return self._list()[index]


def language_links():
    """(code, own name, URL of this same page in that language, is current) per language."""
    current = i18n.current_language()
    links = []
    for code, name in i18n.language_choices():
        links.append((code, name, switch_language_url(code), code == current))
    return links


def switch_language_url(code: str) -> str:
    if getattr(g, "lang", None) and request.endpoint and request.view_args is not None:
        return url_for(request.endpoint, **{**request.view_args, "lang": code})
    path = request.full_path.rstrip("?") if request else "/"
    return url_for("core.set_language", code=code, next=path)


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths are followed after a redirect (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return quote(target, safe="/?=&%#-_.~+")
