"""A campaign with one of everything, tokens per role, and a client that sends a token."""
import datetime as dt

from campaign.api import tokens
from campaign.extensions import db
from campaign.messages import operations as message_operations
from campaign.messages.audiences import Audience
from campaign.organisers.roles import Role
from campaign.petitions import operations as petition_operations
from tests.events.helpers import create_event, rsvp
from tests.factories import create_campaign, create_key_date
from tests.petitions.helpers import create_petition

#: Far enough ahead that RSVPs stay open whatever the date the tests run on.
FUTURE = dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC)


class Api:
    """A test client that sends ``Authorization: Bearer <token>``."""

    def __init__(self, client, token=None):
        self.client, self.token = client, token

    def _headers(self, token, extra=None):
        token = self.token if token is None else token
        return {**({"Authorization": f"Bearer {token}"} if token else {}), **(extra or {})}

    def get(self, path, token=None, headers=None, **kwargs):
        return self.client.get(path, headers=self._headers(token, headers), **kwargs)

    def post(self, path, json=None, token=None, headers=None, **kwargs):
        return self.client.post(path, json=json, headers=self._headers(token, headers), **kwargs)

    def patch(self, path, json=None, token=None, headers=None, **kwargs):
        return self.client.patch(path, json=json, headers=self._headers(token, headers),
                                 **kwargs)


def make_world():
    """Campaign "a" with an event (one RSVP), a petition (one verified signature), a key
    date and a message; campaign "b" with the same; a token per role of "a", an owner
    token of "b". Returns ids and tokens in a dict."""
    world = {}
    for slug in ("a", "b"):
        campaign = create_campaign(slug=slug, owners=[])
        event = create_event(campaign, slug=f"{slug}-vigil", starts_at=FUTURE)
        answer = rsvp(event, email=f"ala@{slug}.example.org", name="Ala Nowak", guests=1,
                      wants_updates=True)
        petition = create_petition(campaign, slug=f"{slug}-petition")
        signature = petition_operations.record_verified_signature(
            petition, name="Ola Kot", email=f"ola@{slug}.example.org", country="PL", lang="pl")
        key_date = create_key_date(campaign)
        message = message_operations.create_message(
            campaign, audience=Audience.CAMPAIGN_SUPPORTERS, scope_id=None,
            publish_as_update=False, texts={"en": {"subject": "News", "body": "Read this."}})
        db.session.commit()
        world[slug] = dict(campaign=campaign.id, event=event.id, rsvp=answer.id,
                           petition=petition.id, signature=signature.id,
                           key_date=key_date.id, message=message.id)
    for role in Role:
        _row, world[role.value] = tokens.create_token(world["a"]["campaign"], role.value, role)
    _row, world["b_owner"] = tokens.create_token(world["b"]["campaign"], "b", Role.OWNER)
    db.session.commit()
    return world
