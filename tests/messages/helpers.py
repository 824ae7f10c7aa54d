"""Steps an organiser takes (compose, send) and supporters to send to."""
import re
import uuid

import sqlalchemy as sa

from campaign import clock
from campaign.core import addresses
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.messages.models import OrganiserMessage
from campaign.petitions import operations as petition_operations
from campaign.petitions.models import Signature, SignatureState


def signer(petition, email, lang="en", updates=True):
    """A verified signature; *updates*: opted in to the campaign's updates."""
    signature = petition_operations.record_verified_signature(
        petition, name="Signer", email=email, country="PL", lang=lang)
    signature.updates = updates
    db.session.commit()
    return signature


def many_signers(petition, number: int, lang="en") -> None:
    """*number* verified, opted-in signers in one INSERT (a large audience, quickly)."""
    now = clock.now()
    rows = []
    for index in range(number):
        email, canonical, domain = addresses.forms(f"signer{index:06d}@example.org")
        rows.append(dict(petition_id=petition.id, name="Signer", email=email,
                         email_canonical=canonical, email_domain=domain, country="PL",
                         public=False, consent_version="test", updates=True, lang=lang,
                         state=SignatureState.VERIFIED, created_at=now, verified_at=now,
                         mails_resent=0))
    db.session.execute(sa.insert(Signature), rows)
    db.session.commit()


def texts(**languages):
    """Form fields for the texts: texts(en=("Subject", "Body"), ru=(…))."""
    data = {}
    for lang, (subject, body) in languages.items():
        data[f"text_{lang}-subject"] = subject
        data[f"text_{lang}-body"] = body
    return data


def compose(client, campaign, audience: str, token=None, publish=False, **languages):
    """Post the compose form; *audience* as the select's value ("event_attendees:3")."""
    data = {"audience": audience, "form_token": token or uuid.uuid4().hex,
            **texts(**(languages or {"en": ("Hello", "Dear friends, **thank you**.")}))}
    if publish:
        data["publish_as_update"] = "y"
    return client.post(f"/organiser/messages/campaign/{campaign.id}/new", data=data)


def message_id_of(response) -> int:
    return int(re.search(r"/organiser/messages/(\d+)$", response.headers["Location"]).group(1))


def send(client, message_id, when="now", send_at=None):
    data = {"when": when}
    if send_at:
        data["send_at"] = send_at
    return client.post(f"/organiser/messages/{message_id}/send", data=data)


def message(message_id) -> OrganiserMessage:
    db.session.expire_all()
    return db.session.get(OrganiserMessage, message_id)


def outbox_rows(kind="organiser_message"):
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)
                                   .order_by(OutboxMessage.to_address)))


def outbox_counts(kind="organiser_message") -> tuple[int, int]:
    """(rows, distinct addresses) of *kind* in the outbox."""
    return db.session.execute(
        sa.select(sa.func.count(), sa.func.count(sa.distinct(OutboxMessage.to_address)))
        .where(OutboxMessage.kind == kind)).one()


def run_worker(app):
    """``flask campaign worker --once``: every scheduling step, then delivery."""
    with app.app_context():  # the command runs in the current app context, if any
        result = app.test_cli_runner().invoke(args=["campaign", "worker", "--once"])
    assert result.exit_code == 0, result.output
    return result
