"""An organiser's "remove" erases the mail about that RSVP at once (not after the mail
retention): the log keeps kind and time, not the address, body or links; queued mail about it
is cancelled; mail about other people, and this person's other mail, stays."""
import sqlalchemy as sa

from campaign.extensions import db
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.mailing.retention import ERASED_ADDRESS
from tests.events.helpers import rsvp


def rows_to(address):
    return db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.to_address == address).order_by(OutboxMessage.id)).all()


def test_removing_an_attendee_erases_their_mail_now(organiser, event):
    ala = rsvp(event, email="ala@example.org", name="Ala Nowak")
    rsvp(event, email="olga@example.org", name="Olga")
    db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.to_address == "ala@example.org")
                       .values(status=MessageStatus.SENT, body_text="Dear Ala, your link …"))
    db.session.commit()
    # A request of hers (e.g. she tried the public form again): its mail goes too.
    organiser.application.test_client().post(f"/en/events/{event.slug}", data={
        "name": "Ala", "email": "ala@example.org", "guests": "0", "consent": "y"})
    # The same address in another domain (a campaign update) keeps its own mail.
    db.session.add(OutboxMessage(kind="organiser_message", key="other:1", lang="en",
                                 to_address="ala@example.org", payload={"message_id": 1},
                                 status=MessageStatus.SENT, body_text="Update"))
    db.session.commit()
    erased_ids = [row.id for row in rows_to("ala@example.org") if row.kind != "organiser_message"]
    assert len(erased_ids) == 2  # her confirmation and her request's mail

    organiser.post(f"/organiser/events/{event.id}/attendees/{ala.id}/remove")
    db.session.expire_all()
    [kept] = rows_to("ala@example.org")
    assert kept.kind == "organiser_message" and kept.body_text == "Update"
    for row_id in erased_ids:
        row = db.session.get(OutboxMessage, row_id)
        assert row.to_address == ERASED_ADDRESS and row.body_text is None and row.payload == {}
        assert row.status in (MessageStatus.SENT, MessageStatus.CANCELLED)  # nothing goes out
    assert len(rows_to("olga@example.org")) == 1
