"""The API's writes: the same forms validate, the same operations write, as on the pages.

A signature or an attendance goes through the petition's and the event's public rules
(consent, double opt-in mail, duplicates mailed again or not at all, resend limits, the
per-domain signing limit); events and key dates through the organisers' forms and
operations (an event's new time or place is mailed to its attendees).
"""
from flask import request
from flask_babel import gettext as _

from campaign.api.inputs import Field, form_data, language, validated
from campaign.api.problems import Invalid
from campaign.campaigns import operations as campaign_operations
from campaign.campaigns.forms import KeyDateForm
from campaign.core.addresses import domain_of
from campaign.core.database import SlugTaken
from campaign.core.forms import texts_from
from campaign.extensions import db
from campaign.events import confirmations, operations as event_operations
from campaign.events.forms import CONSENT_VERSION, EventForm, RsvpForm
from campaign.petitions import operations as petition_operations
from campaign.petitions.config import setting
from campaign.petitions.forms import SignForm

NO_CSRF = {"csrf": False}  # a bearer token, not a cookie, authorises API requests

EVENT_FIELDS = {
    "slug": Field("string", "slug"), "timezone": Field("string", "timezone"),
    "start_date": Field("datetime", "starts_at"), "end_date": Field("datetime", "ends_at"),
    "rsvp_deadline": Field("datetime", "rsvp_deadline"),
    "title": Field("texts", "title"), "description": Field("texts", "description"),
    "venue_name": Field("texts", "venue_name"), "place_notes": Field("texts", "place_notes"),
    "address_lines": Field("string", "address_lines"), "postcode": Field("string", "postcode"),
    "city": Field("string", "city"), "country": Field("string", "country"),
    "latitude": Field("number", "latitude"), "longitude": Field("number", "longitude"),
    "capacity": Field("integer", "capacity"), "max_guests": Field("integer", "max_guests"),
    "contact_name": Field("string", "contact_name"),
    "contact_email": Field("string", "contact_email"),
    "reminder_offsets": Field("string", "reminder_offsets"),
}
KEY_DATE_FIELDS = {
    "kind": Field("string", "kind"), "date": Field("string", "date"),
    "time": Field("string", "time"), "yearly": Field("boolean", "yearly"),
    "link": Field("string", "link"), "title": Field("texts", "title"),
    "description": Field("texts", "description"),
}
ATTENDANCE_FIELDS = {
    "name": Field("string", "name"), "email_address": Field("string", "email"),
    "guests": Field("integer", "guests"), "consent": Field("boolean", "consent"),
    "wants_updates": Field("boolean", "updates"),
}
SIGNATURE_FIELDS = {
    "name": Field("string", "name"), "email_address": Field("string", "email"),
    "country": Field("string", "country"), "comment": Field("string", "comment"),
    "public": Field("boolean", "public"), "consent": Field("boolean", "consent"),
    "wants_updates": Field("boolean", "updates"),
}


def save_event(campaign, event, data: dict):
    """Create (*event* None) or change an event from the API's fields."""
    published = data.get("published")
    if published is not None and not isinstance(published, bool):
        raise Invalid({"published": [_("Expected %(kind)s.", kind=_("true or false"))]})
    zone = data.get("timezone") if isinstance(data.get("timezone"), str) else campaign.timezone
    form = validated(EventForm(formdata=form_data(data, EVENT_FIELDS, zone), meta=NO_CSRF,
                               default_language=campaign.default_language),
                     EVENT_FIELDS)
    try:
        if event is None:
            event = event_operations.create_event(campaign, texts=texts_from(form),
                                                  **form.values())
        else:
            event_operations.update_event(event, texts=texts_from(form), **form.values())
    except SlugTaken:
        db.session.rollback()
        raise Invalid({"slug": [_("Another event already uses this address.")]})
    if published is not None:
        event_operations.set_published(event, published)
    return event


def save_key_date(campaign, key_date, data: dict):
    """Create (*key_date* None) or change a key date from the API's fields."""
    form = validated(KeyDateForm(formdata=form_data(data, KEY_DATE_FIELDS), meta=NO_CSRF,
                                 default_language=campaign.default_language), KEY_DATE_FIELDS)
    values = dict(kind=form.kind.data, date=form.date.data, time=form.time.data,
                  yearly=form.yearly.data, link=form.link.data, texts=texts_from(form))
    if key_date is None:
        return campaign_operations.create_key_date(campaign, **values)
    return campaign_operations.update_key_date(key_date, **values)


def _closed(message):
    from werkzeug.exceptions import Conflict
    return Conflict(message)


def request_attendance(event, data: dict) -> None:
    """The event form's request to attend: its link is mailed; nothing counts before."""
    if not (event.published and event.campaign.is_public and event.rsvp_open):
        raise _closed(_("Registration for this event is closed."))
    lang = language(data, event.campaign.languages, event.campaign.default_language)
    form = validated(RsvpForm(formdata=form_data(data, ATTENDANCE_FIELDS), meta=NO_CSRF,
                              max_guests=event.max_guests), ATTENDANCE_FIELDS)
    confirmations.request_rsvp(event, name=form.name.data, email=form.email.data,
                               guests=form.guests.data, lang=lang,
                               wants_updates=form.updates.data,
                               consent_version=CONSENT_VERSION)


def sign(petition, data: dict) -> None:
    """The petition form's signature: pending until its owner follows the mailed link."""
    if not (petition.is_public and petition.is_open):
        raise _closed(_("This petition is not open for signatures."))
    lang = language(data, petition.campaign.languages, petition.campaign.default_language)
    form = validated(SignForm(formdata=form_data(data, SIGNATURE_FIELDS), meta=NO_CSRF,
                              lang=lang), SIGNATURE_FIELDS)
    petition_operations.sign(petition, name=form.name.data, email=form.email.data,
                             country=form.country.data, comment=form.comment.data,
                             public=form.public.data, updates=form.updates.data, lang=lang,
                             ip_hash=None)


# The petition form's per-domain limit, shared with it (same scope, same key).

def sign_limit_per_domain() -> str:
    return setting("PETITION_RATELIMIT_SIGN_DOMAIN")


def _submitted_domain() -> str:
    data = request.get_json(silent=True) if request.is_json else None
    address = data.get("email_address") if isinstance(data, dict) else None
    return domain_of(address)[:254] if isinstance(address, str) else ""


def domain_key() -> str:
    return "petition-email-domain:" + _submitted_domain()


def domain_exempt() -> bool:
    domain = _submitted_domain()
    return not domain or domain in setting("PETITION_LARGE_PROVIDERS")
