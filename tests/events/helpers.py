"""Event factories and small helpers for the events tests."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

from campaign.events import operations, rsvps as rsvp_writes
from campaign.events.forms import CONSENT_VERSION
from campaign.events.models import Rsvp
from campaign.extensions import db
from campaign.mailing.models import OutboxMessage

BRUSSELS = ZoneInfo("Europe/Brussels")
#: The seed protest: Friday 8 December 2017, 12:00–13:00 in Brussels.
START = dt.datetime(2017, 12, 8, 12, 0, tzinfo=BRUSSELS)
#: A week before it: RSVP is open.
BEFORE = dt.datetime(2017, 12, 1, 9, 0, tzinfo=dt.UTC)


def create_event(campaign, **kwargs):
    kwargs.setdefault("slug", "brussels-protest")
    kwargs.setdefault("starts_at", START)
    kwargs.setdefault("ends_at", kwargs["starts_at"] + dt.timedelta(hours=1))
    kwargs.setdefault("timezone", "Europe/Brussels")
    kwargs.setdefault("address_lines", "Place Jean Rey")
    kwargs.setdefault("postcode", "1000")
    kwargs.setdefault("city", "Brussels")
    kwargs.setdefault("country", "BE")
    kwargs.setdefault("latitude", 50.8406)
    kwargs.setdefault("longitude", 4.38)
    kwargs.setdefault("capacity", 150)
    kwargs.setdefault("max_guests", 3)
    kwargs.setdefault("published", True)
    kwargs.setdefault("texts", {"en": {"title": "Protest in Brussels",
                                       "description": "Join **us**.",
                                       "venue_name": "Jean Rey Square",
                                       "place_notes": "In front of Parc Léopold"}})
    event = operations.create_event(campaign, **kwargs)
    db.session.commit()
    return event


def rsvp(event, email="ala@example.org", guests=0, name="Ala", lang="en", **kwargs):
    """An RSVP through the same operation the form uses; committed."""
    answer = rsvp_writes.submit_rsvp(event, name=name, email=email, guests=guests, lang=lang,
                                    wants_updates=kwargs.pop("wants_updates", False),
                                    consent_version=CONSENT_VERSION, **kwargs)
    db.session.commit()
    return answer.rsvp


def form(**values):
    data = {"name": "Ala Nowak", "email": "ala@example.org", "guests": "0", "consent": "y"}
    data.update(values)
    return {k: v for k, v in data.items() if v is not None}


def outbox(kind=None, to=None):
    query = db.select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    if to:
        query = query.where(OutboxMessage.to_address == to)
    return list(db.session.scalars(query))


def rsvps(event):
    return list(db.session.scalars(db.select(Rsvp).where(Rsvp.event_id == event.id)
                                   .order_by(Rsvp.id)))


def manage_link(text: str) -> str:
    """The path of the manage link in an e-mail body."""
    return re.search(r"https://campaign\.test(/\w\w/rsvp/[^\s\"<]+)", text).group(1)



def confirm_link(text: str) -> str:
    """The path of the confirmation link in an e-mail body."""
    return re.search(r"https://campaign\.test(/\w\w/events/[\w-]+/confirm/[^\s\"<]+)",
                     text).group(1)


def last_request_mail(to="ala@example.org"):
    """The newest "rsvp_request" outbox row to *to*, rendered as the worker would."""
    from campaign.mailing.render import render_row

    row = outbox("rsvp_request", to=to)[-1]
    return render_row(row)


def register(client, url="/en/events/brussels-protest", **values):
    """What a person does: send the form, open the link in the e-mail, press the button.
    Returns the response to the button (a redirect to the manage page)."""
    response = client.post(url, data=form(**values))
    assert response.status_code == 302, response.get_data(as_text=True)
    email = (values.get("email") or "ala@example.org").strip().lower()
    link = confirm_link(last_request_mail(email).text)
    assert client.get(link).status_code == 200
    return client.post(link)
