"""Petition factories and the steps a signer takes: sign, read the e-mail, follow its link."""
import re

from campaign.extensions import db
from campaign.mailing.render import render_row
from campaign.petitions import operations
from campaign.petitions.models import Signature
from tests.factories import create_campaign, mail_to_go

_LINK = re.compile(r"https://campaign\.test(/\w\w/petitions/[^/\s]+/verify/\S+)")


def create_petition(campaign=None, **kwargs):
    campaign = campaign or create_campaign()
    kwargs.setdefault("slug", "stop-torture")
    kwargs.setdefault("goal", 100)
    kwargs.setdefault("status", "open")
    kwargs.setdefault("texts", {"en": {"title": "Stop torture", "target": "EU institutions",
                                       "text": "We call on the **EU**.",
                                       "why": "Pressure works."}})
    petition = operations.create_petition(campaign, **kwargs)
    db.session.commit()
    return petition


def sign_data(**overrides):
    data = {"name": "Anna Kowalska", "email": "anna@example.org", "country": "PL",
            "comment": "", "consent": "y"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def sign(client, petition, lang="en", ip="198.51.100.7", **overrides):
    return client.post(f"/{lang}/petitions/{petition.slug}/sign", data=sign_data(**overrides),
                       environ_base={"REMOTE_ADDR": ip})


def outbox(kind=None):
    return mail_to_go(kind)


def link_in(row) -> str:
    """The verification link's path, read from the text body as a person would."""
    match = _LINK.search(render_row(row).text)
    assert match, render_row(row).text
    return match.group(1)


def signatures():
    return list(db.session.scalars(db.select(Signature).order_by(Signature.id)))
