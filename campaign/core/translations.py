"""Content stored per language, with a fallback to the owner's default language."""
from campaign.core.i18n import current_language


class Translated:
    """Mixin for a model whose ``translations`` relationship is a dict keyed by language.

    The class of a translation row comes from that relationship; the fallback language is
    the campaign's default language (a model without a ``campaign`` overrides
    :attr:`fallback_language`, as the campaign itself does).
    """

    @property
    def translation_class(self):
        return type(self).translations.property.mapper.class_

    @property
    def fallback_language(self) -> str:
        return self.campaign.default_language

    def text(self, field: str, lang: str | None = None) -> str:
        """The field in *lang* (default: the page's), else in the fallback language, else ''."""
        order = [lang or current_language(), self.fallback_language]
        order += [code for code in self.translations if code not in order]
        for code in order:
            row = self.translations.get(code)
            value = getattr(row, field, None) if row is not None else None
            if value:
                return value
        return ""

    def has_text(self, lang: str, field: str = "title") -> bool:
        row = self.translations.get(lang)
        return bool(row is not None and getattr(row, field, None))

    def set_text(self, lang: str, **values) -> None:
        """Write the given fields in *lang*; a language left wholly empty is removed."""
        row = self.translations.get(lang)
        if row is None:
            row = self.translation_class(lang=lang)
            self.translations[lang] = row
        for field, value in values.items():
            setattr(row, field, (value or "").strip() or None)
        if not any(getattr(row, f) for f in values):
            del self.translations[lang]
