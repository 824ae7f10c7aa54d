"""Read the mail an organiser would get (the rendered text and the link in it); enrol in
two-factor sign-in as a person with an authenticator app would."""
import re

import pyotp

from campaign import clock
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.mailing.render import render_row
from tests.factories import page_text


def mails_to(address: str, kind: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.to_address == address, OutboxMessage.kind == kind)
        .order_by(OutboxMessage.id)).all()


def rendered(row):
    """The message as the worker would render it now (None: it would be cancelled)."""
    return render_row(row)


def link_in(row) -> str:
    """The path of the first link to this site in the message's text."""
    text = rendered(row).text
    return re.search(r"https://campaign\.test(/\S+)", text).group(1)


def enrol(client) -> tuple[str, list[str]]:
    page = client.get("/organiser/account/two-factor")
    assert page.status_code == 200
    assert "<svg" in page.text and "https://" not in page.text.split("<svg", 1)[1].split(
        "</svg>", 1)[0]
    secret = re.search(r"<code>([A-Z2-7]{16,})</code>", page.text).group(1)
    wrong = client.post("/organiser/account/two-factor", data={"code": "000000"})
    assert "This code is not right." in page_text(wrong)
    done = client.post("/organiser/account/two-factor",
                       data={"code": pyotp.TOTP(secret).at(clock.now())})
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.text)
    assert len(codes) == 10 and "shown only now" in page_text(done)
    return secret, codes
