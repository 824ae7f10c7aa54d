"""Country lists follow each language's alphabet, not the code points of the names."""
import pytest

from campaign.core.countries import country_choices


@pytest.mark.parametrize("lang, before, after", [
    ("pl", "Litwa", "Łotwa"),           # Ł beside L, not after Z
    ("pl", "Luksemburg", "Łotwa"),      # and after every L (Polish alphabet: l, ł)
    ("pl", "Łotwa", "Zjednoczone Emiraty Arabskie"),
    ("pl", "Egipt", "Ekwador"),
    ("ru", "Эстония", "Япония"),
    ("ru", "Австрия", "Ямайка"),
    ("en", "Åland Islands", "Albania"),  # Å beside A
])
def test_country_names_are_sorted_by_the_languages_collation(app, lang, before, after):
    names = [name for _, name in country_choices(lang)]
    assert names.index(before) < names.index(after)


def test_polish_and_russian_lists_start_and_end_where_a_reader_expects(app):
    polish = [name for _, name in country_choices("pl")]
    assert polish[0].startswith("A") and polish[-1].startswith("Z")
    russian = [name for _, name in country_choices("ru")]
    assert russian[0].startswith("А") and russian[-1].startswith("Я")
