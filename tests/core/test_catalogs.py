"""Every UI string reaches Russian and Polish readers translated, with the same placeholders."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "campaign" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory):
    """The strings the code uses today, extracted the way `make messages` does."""
    pot = tmp_path_factory.mktemp("catalogs") / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "-q", "extract",
                    "-F", "babel.cfg", "--no-location", "-k", "_l", "-k", "lazy_gettext",
                    "-k", "ngettext:1,2", "-o", str(pot), "."], cwd=ROOT, check=True)
    with pot.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def _placeholders(text) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


@pytest.mark.parametrize("lang", ["ru", "pl"])
def test_every_string_is_translated_with_its_placeholders(source_messages, lang):
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    untranslated, wrong = [], []
    for message in source_messages:
        entry = catalog.get(message.id)
        forms = entry.string if entry is not None else None
        forms = forms if isinstance(forms, tuple) else (forms,)
        if entry is None or entry.fuzzy or not all(forms):
            untranslated.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = _placeholders(ids[-1]) | (_placeholders(ids[0]) if len(ids) == 1 else set())
        if any(_placeholders(form) != expected for form in forms):
            wrong.append(message.id)
    assert untranslated == [], f"{len(untranslated)} strings not translated into {lang}: make messages, then translate"
    assert wrong == [], f"placeholders differ from the English in {lang}"
