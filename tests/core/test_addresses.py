"""Canonical addresses: one mailbox, one signature."""
import pytest

from campaign.core.addresses import canonical, domain_of, normalise


@pytest.mark.parametrize("address, expected", [
    ("Anna@Example.org", "anna@example.org"),
    (" anna@example.org ", "anna@example.org"),
    ("a.b+tag@example.org", "a.b+tag@example.org"),
    ("Anna.Kowalska@gmail.com", "annakowalska@gmail.com"),
    ("anna.kowalska+petition@gmail.com", "annakowalska@gmail.com"),
    ("Anna.Kowalska+x+y@GoogleMail.com", "annakowalska@gmail.com"),
    ("a.b+news@outlook.com", "a.b@outlook.com"),
    ("olga+1@yandex.ru", "olga@yandex.ru"),
    ("olga.k@mail.ru", "olga.k@mail.ru"),
    ("no-at-sign", "no-at-sign"),
])
def test_canonical(address, expected):
    assert canonical(address) == expected


def test_normalise_and_domain():
    assert normalise("  Anna@Example.ORG ") == "anna@example.org"
    assert domain_of("x@Bots.Example") == "bots.example"
    assert domain_of("nothing") == ""
