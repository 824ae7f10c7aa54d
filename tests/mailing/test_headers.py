"""Headers reach the recipient exactly as written, whatever their language and length."""
from email import message_from_bytes, policy
from email.message import EmailMessage

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
