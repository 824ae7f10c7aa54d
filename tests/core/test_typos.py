"""Mail-domain typo hints: the common misspellings of the providers our audience uses
(English, Russian and Polish speakers) get the right domain; real domains get nothing."""
import pytest

from campaign.core.typos import distance, suggest_address, suggest_domain


@pytest.mark.parametrize("typed, meant", [
    ("gmial.com", "gmail.com"), ("gmail.co", "gmail.com"), ("gmail.con", "gmail.com"),
    ("gnail.com", "gmail.com"), ("gmaill.con", "gmail.com"), ("yaho.com", "yahoo.com"),
    ("hotmial.com", "hotmail.com"), ("outlok.com", "outlook.com"), ("outlook.co", "outlook.com"),
    ("mail.r", "mail.ru"), ("mial.ru", "mail.ru"), ("mail.ry", "mail.ru"),
    ("yandx.ru", "yandex.ru"), ("yandex.ry", "yandex.ru"), ("rambler.r", "rambler.ru"),
    ("wp.p", "wp.pl"), ("wp.pll", "wp.pl"), ("02.pl", "o2.pl"), ("o2.p", "o2.pl"),
    ("onet.p", "onet.pl"), ("onte.pl", "onet.pl"), ("interia.p", "interia.pl"),
    ("intreia.pl", "interia.pl"), ("GMIAL.COM", "gmail.com"),
])
def test_common_misspellings_get_the_provider(typed, meant):
    assert suggest_domain(typed) == meant


@pytest.mark.parametrize("domain", [
    "gmail.com", "mail.com", "ymail.com", "email.com", "wp.pl", "op.pl", "o2.pl", "ya.ru",
    "bk.ru", "riseup.net", "example.org", "uw.edu.pl", "amnesty.org", "ap.pl", "hrw.org",
])
def test_real_domains_get_no_suggestion(domain):
    assert suggest_domain(domain) is None


def test_the_whole_address_keeps_its_local_part():
    assert suggest_address("Ala.Nowak+x@gmial.com") == "Ala.Nowak+x@gmail.com"
    assert suggest_address("not an address") is None
    assert suggest_address("@gmial.com") is None


def test_distance_counts_a_swap_as_one_edit():
    assert distance("gmial.com", "gmail.com") == 1
    assert distance("abc", "abcdef") == 3  # beyond the limit: limit + 1
