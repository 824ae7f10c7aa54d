"""Likely typos in the domain of an e-mail address: "did you mean gmail.com?".

A suggestion only, never a refusal: real domains look like typos of big ones now and then.
No network lookup. The same data drives the page's script (``static/js/enhance.js``), which
runs the same comparison, so both say the same thing.

Rule: a domain that is not itself a known provider gets the one known provider within one
edit (a letter added, left out, changed, or two neighbours swapped), or within two edits for
the longer names; of equally close providers the one listed first (the more common) wins. Short names (wp.pl,
o2.pl, ya.ru) collide with real domains one edit away, so they are matched only through
``KNOWN_TYPOS``.
"""
import functools

#: Mail providers people in our audience (English, Russian, Polish speakers) use most.
PROVIDERS = (
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com",
    "hotmail.co.uk", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com",
    "aol.com", "mail.com", "email.com", "gmx.com", "gmx.net", "gmx.de", "web.de",
    "protonmail.com", "proton.me", "pm.me", "tutanota.com", "tuta.io", "posteo.de",
    "mailbox.org", "riseup.net", "fastmail.com", "zoho.com",
    "mail.ru", "inbox.ru", "list.ru", "bk.ru", "yandex.ru", "yandex.com", "yandex.by",
    "yandex.kz", "yandex.ua", "ya.ru", "rambler.ru", "ukr.net", "tut.by",
    "wp.pl", "o2.pl", "onet.pl", "onet.eu", "op.pl", "vp.pl", "interia.pl", "interia.eu",
    "poczta.onet.pl", "gazeta.pl", "tlen.pl", "poczta.fm", "int.pl",
)
#: Typos of the short names, which the edit distance cannot tell from other real domains.
KNOWN_TYPOS = {
    "wp.p": "wp.pl", "wp.pll": "wp.pl", "wp.ol": "wp.pl", "wp.lp": "wp.pl", "wpp.pl": "wp.pl",
    "wp.com": "wp.pl", "wp.ru": "wp.pl", "o2.p": "o2.pl", "o2.pll": "o2.pl", "02.pl": "o2.pl",
    "o2.ol": "o2.pl", "0p.pl": "op.pl", "op.p": "op.pl", "ya.ry": "ya.ru", "ya.r": "ya.ru",
    "ya.rru": "ya.ru", "ua.ru": "ya.ru", "bk.ry": "bk.ru", "bk.r": "bk.ru", "me.con": "me.com",
    "pm.m": "pm.me", "gmail": "gmail.com", "yandex": "yandex.ru", "mail": "mail.ru",
}
#: Providers shorter than this are left to KNOWN_TYPOS.
SHORTEST = 7
#: Providers at least this long are also matched two edits away.
TWO_EDITS = 9


def distance(a: str, b: str, limit: int = 2) -> int:
    """Edits between *a* and *b*: insertions, deletions, substitutions and swaps of two
    neighbours (optimal string alignment); anything above *limit* is reported as limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def _deletions(word: str, depth: int = 2) -> set[str]:
    """*word* with up to *depth* letters left out (itself included)."""
    found, layer = {word}, {word}
    for _ in range(depth):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        found |= layer
    return found


@functools.cache
def _near_index() -> dict[str, frozenset[int]]:
    """Each string two deletions or fewer from a provider → those providers' positions. Two
    words within two edits (swaps included) share such a string, so only they are measured:
    the same few dozen set look-ups for every address, whatever was typed before."""
    index: dict[str, set[int]] = {}
    for position, provider in enumerate(PROVIDERS):
        if len(provider) >= SHORTEST:
            for variant in _deletions(provider):
                index.setdefault(variant, set()).add(position)
    return {variant: frozenset(positions) for variant, positions in index.items()}


def suggest_domain(domain: str) -> str | None:
    """The provider *domain* is probably a typo of, or None."""
    domain = (domain or "").strip().lower().rstrip(".")
    if not domain or domain in PROVIDERS:
        return None
    if domain in KNOWN_TYPOS:
        return KNOWN_TYPOS[domain]
    if not SHORTEST - 2 <= len(domain) <= max(map(len, PROVIDERS)) + 2:
        return None  # no provider is within two edits
    index = _near_index()
    candidates = set().union(*(index.get(variant, ()) for variant in _deletions(domain)))
    best, found = 3, None
    for provider in (PROVIDERS[position] for position in sorted(candidates)):
        edits = distance(domain, provider)
        if edits > (2 if len(provider) >= TWO_EDITS else 1):
            continue
        if edits < best:
            best, found = edits, provider
    return found


def suggest_address(address: str) -> str | None:
    """*address* with the domain it probably meant ("ala@gmial.com" → "ala@gmail.com")."""
    local, at, domain = (address or "").strip().rpartition("@")
    if not at or not local:
        return None
    better = suggest_domain(domain)
    return f"{local}@{better}" if better else None
