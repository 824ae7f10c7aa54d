"""Headers reach the recipient exactly as written, whatever their language and length."""
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr

import pytest

from campaign.mailing.mime import SMTP_POLICY

SUBJECTS = [
    # Folded by the standard policy after "uratujmy ", read back with two spaces.
    "Zapis anulowany: Powstrzymajmy tortury w Kazachstanie: uratujmy więźniów politycznych "
    "– protest w Brukseli",
    "Ваша регистрация: Остановите пытки в Казахстане: спасите политических заключённых — "
    "акция в Брюсселе",
    "Your registration: Stop torture in Kazakhstan: save the political prisoners – protest in "
    "Brussels",
    "Short and plain",
]


@pytest.mark.parametrize("subject", SUBJECTS, ids=["pl", "ru", "en", "short"])
def test_a_long_subject_in_any_language_arrives_as_written(subject):
    message = EmailMessage(policy=SMTP_POLICY)
    message["Subject"] = subject
    message.set_content("Hello")
    raw = message.as_bytes()

    assert all(len(line) <= 78 for line in raw.split(b"\r\n")), "lines must stay short"
    assert message_from_bytes(raw, policy=policy.default)["Subject"] == subject


NAMES = [
    "Ольга Петрова via Остановите пытки в Казахстане: спасите политических заключённых",
    "Zofia Żółkiewska-Wiśniewska via Powstrzymajmy tortury w Kazachstanie",
    'Anna "Ania" Kowalska, Łódź',
    "Writer via Stop torture in Kazakhstan: Save political prisoners",
]


@pytest.mark.parametrize("name", NAMES, ids=["ru", "pl", "quotes", "en"])
def test_display_names_in_any_language_arrive_as_written(name):
    """From / Reply-To / To with long non-ASCII display names (a letter's "<supporter> via
    <campaign>") are written as encoded words and read back exactly, address included."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = Address(display_name=name, addr_spec="campaign@example.org")
    message["Reply-To"] = Address(display_name=name, addr_spec="olga@example.org")
    message["To"] = Address(display_name=name, addr_spec="mep@example.org")
    message.set_content("Hello")
    raw = message.as_bytes()

    assert raw.isascii()
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    parsed = message_from_bytes(raw, policy=policy.compat32)
    for header, address in (("From", "campaign@example.org"), ("Reply-To", "olga@example.org"),
                            ("To", "mep@example.org")):
        assert read_address(parsed[header]) == (name, address)


def read_address(raw: str) -> tuple[str, str]:
    """(display name, address) as RFC 2047 reads them: the space between two encoded words
    is not text. (Python's newer address parser puts one in — mail programs do not.)"""
    phrase, address = parseaddr(" ".join(raw.split()))
    if "=?" not in raw:
        return phrase, address
    encoded = raw.rsplit("<", 1)[0]
    return str(make_header(decode_header(" ".join(encoded.split())))), address
