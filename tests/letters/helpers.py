"""Letter factories and the steps a supporter takes: write, read the e-mail, press the button."""
import re

from campaign.extensions import db
from campaign.letters import importing, operations
from campaign.letters.models import Letter, LetterDelivery
from campaign.mailing.render import render_row
from tests.factories import create_campaign, mail_to_go

_LINK = re.compile(r"https://campaign\.test(/\w\w/letters/[^/\s]+/confirm/\S+)")

#: (name, country, group, email): two MEPs in Poland, one in Belgium, one in Italy.
TARGETS = [
    ("Jan Kowalski", "PL", "EPP", "jan.kowalski@example.org"),
    ("Ewa Nowak", "PL", "S&D", "ewa.nowak@example.org"),
    ("Bart Staes", "BE", "Greens/EFA", "bart.staes@example.org"),
    ("Barbara Spinelli", "IT", "GUE/NL", "barbara.spinelli@example.org"),
]
TEXTS = {"en": {"title": "Write to your MEPs", "explanation": "Before the **vote**.",
                "subject": "Political prisoners first", "body": "Dear MEP,\n\nPlease act."},
         "pl": {"title": "Napisz do europosłów", "explanation": "Przed głosowaniem.",
                "subject": "Najpierw więźniowie", "body": "Proszę o działanie."},
         "ru": {"title": "Напишите депутатам", "explanation": "До голосования.",
                "subject": "Сначала политзаключённые", "body": "Прошу действовать."}}


def add_targets(campaign, targets=TARGETS):
    rows = [importing.Row(n, name, country, group, email, "en", None)
            for n, (name, country, group, email) in enumerate(targets, start=2)]
    operations.import_targets(campaign, rows)
    db.session.commit()


def create_action(campaign=None, targets=TARGETS, **kwargs):
    campaign = campaign or create_campaign()
    add_targets(campaign, targets)
    kwargs.setdefault("slug", "write-meps")
    kwargs.setdefault("status", "open")
    kwargs.setdefault("texts", TEXTS)
    action = operations.create_action(campaign, **kwargs)
    db.session.commit()
    return action


def letter_data(**overrides):
    data = {"country": "PL", "name": "Anna Kowalska", "email": "anna@example.org",
            "consent": "y", "subject": "Political prisoners first",
            "body": "Dear MEP,\n\nFree them."}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def write(client, action, lang="en", **overrides):
    return client.post(f"/{lang}/letters/{action.slug}/write", data=letter_data(**overrides))


def outbox(kind=None):
    return mail_to_go(kind)


def link_in(row) -> str:
    """The confirmation link's path, read from the text body as a person would."""
    match = _LINK.search(render_row(row).text)
    assert match, render_row(row).text
    return match.group(1)


def confirm_all(client):
    for row in outbox("letter_confirmation"):
        client.post(link_in(row))


def letters():
    return list(db.session.scalars(db.select(Letter).order_by(Letter.id)))


def deliveries():
    return list(db.session.scalars(db.select(LetterDelivery).order_by(LetterDelivery.id)))
