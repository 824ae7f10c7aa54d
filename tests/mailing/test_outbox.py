"""Enqueuing: one row per message, never two for the same key, rendered in the recipient's language."""
import datetime as dt

import pytest
from flask_babel import lazy_gettext as _l

from campaign.extensions import db
from campaign.mailing import kinds, outbox
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.render import render_row

HELLO = kinds.MailKind("test_hello", subject=_l("Page not found"),
                       load=lambda payload: payload or None)


@pytest.fixture(autouse=True)
def hello_kind(app):
    kinds.register(app, HELLO)


@pytest.fixture
def hello_templates(app, tmp_path):
    """The test kind's templates, next to the real ones."""
    from jinja2 import ChoiceLoader, DictLoader

    app.jinja_loader  # noqa: B018 (create the default loader first)
    app.jinja_env.loader = ChoiceLoader([DictLoader({
        "email/test_hello.txt": "Hello {{ name }} {{ url_for('campaigns.home', _external=True) }}",
        "email/test_hello.html": "<p>Hello {{ name }}</p>",
    }), app.jinja_env.loader])


def test_the_same_key_is_enqueued_once(app):
    assert outbox.enqueue("test_hello", to="a@example.org", lang="en", key="k1",
                          payload={"name": "A"})
    assert not outbox.enqueue("test_hello", to="a@example.org", lang="en", key="k1",
                              payload={"name": "A"})
    db.session.commit()
    rows = db.session.scalars(db.select(OutboxMessage)).all()
    assert len(rows) == 1
    assert rows[0].status == MessageStatus.QUEUED
    assert rows[0].next_attempt_at == rows[0].due_at


def test_enqueue_is_part_of_the_callers_transaction(app):
    outbox.enqueue("test_hello", to="a@example.org", lang="en", key="k2",
                   due_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("lang, subject", [("en", "Page not found"),
                                           ("ru", "Страница не найдена")])
def test_rows_render_in_the_recipients_language_with_absolute_links(app, hello_templates,
                                                                    lang, subject):
    outbox.enqueue("test_hello", to="a@example.org", lang=lang, key=f"k-{lang}",
                   payload={"name": "Ольга"})
    row = db.session.scalar(db.select(OutboxMessage))
    rendered = render_row(row)
    assert rendered.subject == subject
    assert f"Hello Ольга https://campaign.test/{lang}/" in rendered.text
    assert rendered.html == "<p>Hello Ольга</p>"
