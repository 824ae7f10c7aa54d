"""Test kinds (a non-transactional note, a transactional receipt), their templates, helpers."""
import datetime as dt
import uuid

from flask_babel import lazy_gettext as _l
from jinja2 import ChoiceLoader, DictLoader

from campaign import clock
from campaign.extensions import db
from campaign.mailing import kinds, outbox
from campaign.mailing.models import OutboxMessage


#: Leases seen by "probe" notes while they were being sent.
LEASE_PROBES = []


def load_note(payload):
    """Like a domain's loader: None when the thing the message is about is gone.

    Test hooks: "broken" raises, "takes" moves the clock that many seconds (a slow step),
    "probe" records the lease the worker holds on the rows still waiting.
    """
    if payload.get("gone"):
        return None
    if payload.get("broken"):
        raise RuntimeError("the loader failed")
    if payload.get("takes"):
        clock.advance(dt.timedelta(seconds=payload["takes"]))
    if payload.get("probe"):
        LEASE_PROBES.append(db.session.scalars(db.select(OutboxMessage.lease_until).where(
            OutboxMessage.status == "sending")).all())
    when = payload.get("when")
    return {"name": payload["name"], "when": dt.datetime.fromisoformat(when) if when else None}


# A reminder-like message (respects unsubscribes) and a confirmation-like one (always sent).
TEST_KINDS = (kinds.MailKind("test_note", subject=_l("Logged in as %(name)s."),
                             load=load_note, transactional=False),
              kinds.MailKind("test_receipt", subject="Receipt for %(name)s",
                             load=load_note, transactional=True))

TEMPLATES = {
    "email/test_note.txt": "{% extends 'email/base.txt' %}{% block content %}Note for {{ name }}"
                           "{% if when %} on {{ when|moment('Europe/Warsaw') }}{% endif %}"
                           "{% endblock %}",
    "email/test_note.html": "{% extends 'email/base.html' %}{% block content %}"
                            "<p>Note for {{ name }}</p>{% endblock %}",
    "email/test_receipt.txt": "{% extends 'email/base.txt' %}{% block content %}Receipt for "
                              "{{ name }}{% endblock %}",
    "email/test_receipt.html": "{% extends 'email/base.html' %}{% block content %}"
                               "<p>Receipt for {{ name }}</p>{% endblock %}",
}


def with_test_templates(app):
    """Register the test kinds on *app*, with their templates next to the real ones."""
    kinds.register(app, *TEST_KINDS)
    app.jinja_env.loader = ChoiceLoader([DictLoader(TEMPLATES), app.jinja_loader])
    return app


def queue(to, kind="test_note", lang="en", due_at=None, **payload):
    """Enqueue one message and commit, as a domain's operation plus its view would."""
    payload.setdefault("name", to.split("@")[0])
    outbox.enqueue(kind, to=to, lang=lang, key=f"{kind}:{uuid.uuid4().hex}", payload=payload,
                   due_at=due_at)
    db.session.commit()


def rows():
    """Every outbox row, as the database has it now (the worker wrote in its own session)."""
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def row_for(address):
    return next(row for row in rows() if row.to_address == address)


def is_postgres():
    return db.engine.dialect.name == "postgresql"
