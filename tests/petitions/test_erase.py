"""An organiser erases a signer's data at their request: name, address and comment go, and
the mail about the signature at once; the signature still counts."""
import sqlalchemy as sa

from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.mailing.retention import ERASED_ADDRESS
from campaign.petitions import counter
from campaign.petitions.models import Signature
from tests.factories import create_organiser, log_in
from tests.petitions.helpers import create_petition, link_in, outbox, sign


def test_an_organiser_erases_a_signature_and_its_mail(client, app):
    petition = create_petition()
    sign(client, petition, email="ala@example.org", comment="For Max")
    client.post(link_in(outbox()[0]))
    sign(client, petition, email="olga@example.org")
    create_organiser()
    log_in(client)
    ala = db.session.scalar(sa.select(Signature).where(Signature.email == "ala@example.org"))
    page = client.get(f"/organiser/petitions/{petition.id}/signatures").get_data(as_text=True)
    url = f"/organiser/petitions/{petition.id}/signatures/{ala.id}/erase"
    assert f'action="{url}"' in page

    assert client.post(url).status_code == 302
    db.session.expire_all()
    ala = db.session.get(Signature, ala.id)
    assert (ala.name, ala.comment) == ("", None) and ala.email.endswith("@erased.invalid")
    assert counter.count(petition.id, fresh=True) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.to_address == "ala@example.org")) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.to_address == ERASED_ADDRESS)) == 1
    # Her mail, still queued in this test, is cancelled: nothing about her goes out any more.
    assert [row.to_address for row in outbox()] == ["olga@example.org"]
    assert "erased" in client.get(f"/organiser/petitions/{petition.id}/signatures").get_data(
        as_text=True)
