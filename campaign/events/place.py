"""Where and when, as people read it: address lines, map and add-to-calendar links.

Nothing here loads anything from another host: the map and calendar links are plain links
that the visitor may choose to follow.
"""
from functools import lru_cache

from babel import Locale

from campaign.calendar import links
from campaign.core import markdown
from campaign.core.i18n import FORMAT_LOCALES, current_language

#: Babel "territories" that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def _locale(lang: str | None) -> Locale:
    return _parsed_locale(lang or current_language())


@lru_cache(maxsize=32)
def _parsed_locale(lang: str) -> Locale:
    """Parsing a locale costs as much as the rest of an address: keep it per language."""
    return Locale.parse(FORMAT_LOCALES.get(lang, lang))


def country_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name in *lang*) for every country, sorted by name."""
    territories = _locale(lang).territories
    pairs = [(code, name) for code, name in territories.items()
             if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES]
    return sorted(pairs, key=lambda pair: pair[1])


def country_name(code: str | None, lang: str | None = None) -> str:
    if not code:
        return ""
    return _locale(lang).territories.get(code, code)


def place_lines(place: dict, lang: str, fallback: str) -> list[str]:
    """The address as lines: venue, street lines, "postcode city", country (in *lang*)."""
    names = place.get("venue_name") or {}
    venue = names.get(lang) or names.get(fallback) or next(iter(names.values()), "")
    lines = [venue] + (place.get("address_lines") or "").splitlines()
    lines.append(" ".join(filter(None, [place.get("postcode"), place.get("city")])))
    lines.append(country_name(place.get("country"), lang))
    return [line.strip() for line in lines if line and line.strip()]


def event_place_lines(event, lang: str | None = None) -> list[str]:
    return place_lines(event.place(), lang or current_language(), event.fallback_language)


def osm_url(event) -> str | None:
    """A plain link to the spot on openstreetmap.org (no embedded map)."""
    if event.latitude is None or event.longitude is None:
        return None
    lat, lon = f"{event.latitude:.5f}", f"{event.longitude:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _details(event, lang: str, page_url: str) -> str:
    text = markdown.to_text(event.text("description", lang))
    if len(text) > 1200:
        text = text[:1200].rsplit(" ", 1)[0] + " …"
    return f"{text}\n\n{page_url}".strip()


def google_calendar_url(event, lang: str, page_url: str) -> str:
    """Google Calendar's "add event" page, filled in."""
    return links.google_add(event.text("title", lang), event.starts_at, event.ends_at,
                            _details(event, lang, page_url),
                            ", ".join(event_place_lines(event, lang)))


def outlook_url(event, lang: str, page_url: str) -> str:
    """Outlook.com's "new event" page, filled in."""
    return links.outlook_add(event.text("title", lang), event.starts_at, event.ends_at,
                             _details(event, lang, page_url),
                             ", ".join(event_place_lines(event, lang)))
