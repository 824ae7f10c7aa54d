"""Messages go out in the recipient's language: subject, body and date format."""
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from campaign.extensions import babel, db
from campaign.mailing import operations, worker
from tests.mailing.helpers import row_for

# The translator fills the real catalogs at the end; until then these tests bring their own,
# merged in front of the real ones exactly as Flask-Babel merges any second directory.
TRANSLATIONS = {
    "ru": {"Test message from %(site)s": "Тестовое письмо с %(site)s",
           "This is a test message from %(site)s.": "Это тестовое письмо с %(site)s."},
    "pl": {"Test message from %(site)s": "Wiadomość testowa z %(site)s",
           "This is a test message from %(site)s.": "To jest wiadomość testowa z %(site)s."},
}


@pytest.fixture
def catalogs(tmp_path):
    """A translation directory with the test message's strings in ru and pl."""
    for lang, strings in TRANSLATIONS.items():
        catalog = Catalog(locale=lang)
        for msgid, msgstr in strings.items():
            catalog.add(msgid, msgstr, flags=["python-format"])
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with open(folder / "messages.mo", "wb") as handle:
            write_mo(handle, catalog)
    return tmp_path


@pytest.fixture
def translated_app(make_app, smtp_server, catalogs):
    real = Path(__file__).resolve().parents[2] / "campaign" / "translations"
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=f"{catalogs};{real}", **smtp_server.config)
    with app.app_context():
        babel.domain_instance.cache.clear()  # Flask-Babel caches catalogs per process
        yield app
        babel.domain_instance.cache.clear()


@pytest.mark.parametrize("lang, subject, opening, moment", [
    ("ru", "Тестовое письмо с campaign.test", "Это тестовое письмо с campaign.test.",
     "1 декабря 2026\u202fг., 09:00 UTC"),
    ("pl", "Wiadomość testowa z campaign.test", "To jest wiadomość testowa z campaign.test.",
     "1 grudnia 2026, 09:00 UTC"),
    ("en", "Test message from campaign.test", "This is a test message from campaign.test.",
     "1 December 2026, 09:00 UTC"),
])
def test_a_message_is_written_in_the_recipients_language(translated_app, smtp_server,
                                                         frozen_now, lang, subject, opening,
                                                         moment):
    operations.queue_test_message("ola@example.org", lang, "Olga")
    db.session.commit()

    assert worker.deliver_due(translated_app).sent == 1

    [message] = smtp_server.messages
    assert message["Subject"] == subject
    assert message["Content-Language"] == lang
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert opening in text and opening in html
    assert moment in text and moment in html
    assert f'<html lang="{lang}">' in html
    assert f"https://campaign.test/{lang}/unsubscribe/" in message["List-Unsubscribe"]
    assert row_for("ola@example.org").subject == subject
