"""Allowed origins: what organisers may type, and what reaches the header."""
import pytest

from campaign.embeds.origins import BadOrigin, parse


def test_origins_are_normalised_and_deduplicated():
    typed = """https://WWW.Example.org/
    http://localhost:8001, https://www.example.org:443
    https://bücher.example  http://192.0.2.10:8080"""
    assert parse(typed) == ["https://www.example.org", "http://localhost:8001",
                            "https://xn--bcher-kva.example", "http://192.0.2.10:8080"]
    assert parse("") == [] and parse("  \n ") == []


@pytest.mark.parametrize("typed", [
    "www.example.org", "ftp://example.org", "javascript:alert(1)", "https://example.org/page",
    "https://example.org/?q=1", "https://user:pw@example.org", "https://*.example.org",
    "https://example.org;script-src", "https://exa'mple.org", "https://example.org:99999",
    "https://-bad-.example", "https://999.1.1.1", "'self'", "https://" + "a" * 300 + ".org"])
def test_anything_but_an_origin_is_refused(typed):
    with pytest.raises(BadOrigin):
        parse(typed)


def test_the_list_is_bounded():
    with pytest.raises(BadOrigin):
        parse("\n".join(f"https://site{n}.example" for n in range(21)))
