"""The public RSVP form, the manage-link form and the organiser's attendee form.

The RSVP form's field names are a public contract (other sites may post to it):
``name``, ``email``, ``guests``, ``consent``, ``updates``; ``website`` is the honeypot.
"""
import re

from email_validator import EmailNotValidError
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from campaign.core.forms import no_urls
from campaign.events.models import EventStatus, RsvpStatus, normalise_email

#: Bump when the consent wording below changes; each RSVP stores the version it agreed to.
CONSENT_VERSION = "rsvp-2024-1"
CONSENT_LABEL = _l("I agree that the organisers use my name and e-mail address to run this "
                   "event (confirmation, changes, reminders) and for nothing else.")
UPDATES_LABEL = _l("Keep me informed about this campaign (key dates and updates). "
                   "You can unsubscribe at any time.")
#: What organisers record when they add someone by hand (they asked the person).
ORGANISER_CONSENT = "organiser"
EVENT_STATUS_LABELS = {
    EventStatus.SCHEDULED: _l("Scheduled"),
    EventStatus.POSTPONED: _l("Postponed"),
    EventStatus.CANCELLED: _l("Cancelled"),
}
RSVP_STATUS_LABELS = {
    RsvpStatus.CONFIRMED: _l("Confirmed"),
    RsvpStatus.WAITLISTED: _l("Waiting list"),
    RsvpStatus.CANCELLED: _l("Cancelled"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def status_labels() -> dict:
    """Template context: the labels of event and RSVP statuses."""
    return {"event_status_labels": EVENT_STATUS_LABELS, "rsvp_status_labels": RSVP_STATUS_LABELS}


def normalised_email(form, field):
    """Check the address's form (no DNS lookup) and keep it normalised and lower-cased."""
    try:
        field.data = normalise_email(field.data or "")
    except EmailNotValidError:
        raise ValidationError(_l("Enter a valid e-mail address, like name@example.org."))


def no_control_characters(form, field):
    if field.data and _CONTROL.search(field.data):
        raise ValidationError(_l("Please use only letters, digits and punctuation."))


def strip(value):
    return value.strip() if isinstance(value, str) else value


class GuestsField(IntegerField):
    """A whole number of guests; left out or empty means none."""

    def process_formdata(self, valuelist):
        if not valuelist or not str(valuelist[0]).strip():
            self.data = 0
            return
        try:
            self.data = int(str(valuelist[0]).strip())
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a whole number, like 0 or 2."))


class GuestsMixin:
    """``guests`` from 0 to the event's limit (given when the form is made)."""

    def set_guest_limit(self, max_guests: int) -> None:
        self.max_guests = max_guests
        self.guests.validators = [self._guests_within_limit]

    def _guests_within_limit(self, form, field):
        if field.data is None:
            return  # not a number: the field already says so
        if field.data < 0:
            raise ValidationError(_l("The number of guests cannot be negative."))
        if field.data > self.max_guests and self.max_guests:
            raise ValidationError(_l("You can bring at most %(max)s guests.",
                                     max=self.max_guests))
        if field.data > self.max_guests:
            raise ValidationError(_l("This event takes no guests; please ask each person to "
                                     "register."))


class RsvpForm(GuestsMixin, FlaskForm):
    name = StringField(_l("Your name"), filters=[strip], validators=[
        DataRequired(message=_l("Enter your name.")), Length(max=120),
        no_control_characters, no_urls])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[
        DataRequired(message=_l("Enter your e-mail address.")), Length(max=254),
        normalised_email])
    guests = GuestsField(_l("Guests you bring"), default=0)
    consent = BooleanField(CONSENT_LABEL, validators=[
        DataRequired(message=_l("We need your agreement to register you."))])
    updates = BooleanField(UPDATES_LABEL, default=False)
    #: Honeypot: hidden from people; bots fill it in.
    website = StringField(_l("Leave this field empty"))

    def __init__(self, *args, max_guests: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_guest_limit(max_guests)

    @property
    def is_bot(self) -> bool:
        return bool((self.website.data or "").strip())


class GuestsForm(GuestsMixin, FlaskForm):
    """The manage page: change the number of guests."""

    guests = GuestsField(_l("Guests you bring"))

    def __init__(self, *args, max_guests: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_guest_limit(max_guests)


class AttendeeForm(GuestsMixin, FlaskForm):
    """An organiser adds someone by hand (they asked the person for consent)."""

    name = StringField(_l("Name"), filters=[strip], validators=[
        DataRequired(message=_l("Enter a name.")), Length(max=120), no_control_characters])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[
        DataRequired(message=_l("Enter an e-mail address.")), Length(max=254),
        normalised_email])
    guests = GuestsField(_l("Guests"), default=0)
    send_email = BooleanField(_l("Send the confirmation e-mail"), default=True)

    def __init__(self, *args, max_guests: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_guest_limit(max_guests)


class ActionForm(FlaskForm):
    """A button that only needs CSRF protection (check in, remove, cancel, publish…)."""
