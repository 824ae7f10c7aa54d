"""Address names (slugs) made from titles: "Протест у посольства" → "protest-u-posolstva"."""
import re
import unicodedata

#: Russian (and Ukrainian/Belarusian letters seen in campaign titles), a simple readable scheme.
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєўґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ye", "w", "g"]))
#: Letters NFKD does not take apart (ł has no combining stroke).
_LATIN = {"ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "œ": "oe"}
MAX_LENGTH = 80


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens; '' when nothing is left."""
    text = "".join(_CYRILLIC.get(c, _LATIN.get(c, c)) for c in (text or "").lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:max_length].rstrip("-")
