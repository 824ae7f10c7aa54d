"""What the fuzz drill throws at the forms: hostile text, absurd numbers, missing fields and
values of the wrong shape, sent as raw form bodies (so lone surrogates and broken UTF-8 reach
the app as a browser or a bot could send them)."""
from urllib.parse import quote, urlencode

from hypothesis import strategies as st

#: Stored text that a page must escape: none of these may come back as markup.
MARKUP = ['<script>alert("fz")</script>', "<img src=x onerror=alert(1)>",
          '"><svg onload=alert(1)>', "</textarea><script>alert(2)</script>"]
#: What must never appear in a page (lower-case): the raw markup of MARKUP.
RAW_MARKUP = ['<script>alert(', "<img src=x onerror", "<svg onload"]

SPECIAL = [
    "\x00", "\ud800", "\udfff", "\ufffe", "\uffff", "\ufeff", "\u202e", "\u200f", "\u061c",
    "\r\n", "\t", "\x1b", "\x7f", "\x85", "\u2028", "\U0001f600", "\U000e0001",
    "Жаңаөзен", "Ольга Смирнова", "Łódź źdźbło żółć", "مرحبا بالعالم", "שלום", "%s%n{0}",
    "{{ 7*7 }}", "' OR 1=1 --", "../../etc/passwd", "=HYPERLINK(\"x\")", "javascript:alert(1)",
]
#: (piece, repeats): long text, built on demand so failure reports stay short.
HUGE_TEXT = [("x", 5000), ("Ж", 60_000), ("<b>", 20_000), ("\x00", 1000), ("9", 400)]

#: Text of every kind: any code point (lone surrogates too), the cases above, markup, huge.
nasty_text = st.one_of(
    st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=40),
    st.lists(st.sampled_from(SPECIAL + MARKUP), min_size=1, max_size=4).map("".join),
    st.sampled_from(MARKUP),
    st.sampled_from(HUGE_TEXT).map(lambda huge: huge[0] * huge[1]),
)
nasty_number = st.one_of(
    st.integers().map(str),
    st.sampled_from(["9" * 30, "-" + "9" * 30, "2147483648", "9223372036854775808", "1e309",
                     "-1e309", "nan", "inf", "-inf", "1_000", "0x10", " 7 ", "٣", "১২",
                     "1.5", "-0", "", " "]),
    st.floats().map(repr),
)
nasty_date = st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "10000-01-01",
                              "2026-13-01", "2026-03-29T02:30", "9999-12-31T23:59",
                              "0001-01-01T00:00", "1899-12-31", "2026-1-1", "x", ""])
#: Any value at all, for any field.
nasty = st.one_of(nasty_text, nasty_number, nasty_date)


def field_values(valid):
    """One field's value(s): usually *valid*, else anything; sometimes several values."""
    one = st.one_of(st.just(valid), nasty) if valid is not None else nasty
    return st.one_of(one.map(lambda value: [value]), st.lists(one, min_size=2, max_size=3))


def form_data(fields: dict):
    """A form body. *fields* maps names to a valid value (or None). Half the bodies are valid
    but for one to three fields (changed, repeated or left out), so they often get stored;
    the others are anything, with fields left out and unknown fields added."""
    valid = {name: [value] for name, value in fields.items() if value is not None}
    changes = st.dictionaries(st.sampled_from(sorted(fields)),
                              st.one_of(st.none(), field_values(None)), min_size=1, max_size=3)
    nearly_valid = changes.map(lambda change: {
        name: values for name, values in {**valid, **change}.items() if values is not None})
    anything = st.tuples(
        st.fixed_dictionaries({}, optional={name: field_values(value)
                                            for name, value in fields.items()}),
        st.dictionaries(st.text(min_size=1, max_size=10), field_values(None), max_size=2),
    ).map(lambda parts: {**parts[1], **parts[0]})
    return st.one_of(nearly_valid, anything)


def encode(data: dict) -> bytes:
    """urlencoded as a browser would, but with lone surrogates kept (as invalid UTF-8)."""
    pairs = [(name, value) for name, values in data.items() for value in values]
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode("ascii")


def header_value(text: str) -> str:
    """*text* as raw header bytes (latin-1 for the WSGI environ); line breaks cannot be sent."""
    raw = text.encode("utf-8", "surrogatepass").decode("latin-1")
    return raw.replace("\r", " ").replace("\n", " ")


def path_segment(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def assert_escaped(body: str) -> None:
    lowered = body.lower()
    for raw in RAW_MARKUP:
        assert raw not in lowered, f"unescaped markup in the page: {raw!r}"

