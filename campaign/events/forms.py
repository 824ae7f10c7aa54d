"""The events domain's forms: the public RSVP form, the manage-link form, and the organiser's
attendee and event forms (texts per language, times in the event's own zone, the place).

The RSVP form's field names are a public contract (other sites may post to it):
``name``, ``email``, ``guests``, ``consent``, ``updates``; ``website`` is the honeypot;
the optional ``email_kept`` confirms an address after a typo hint (``core.forms.TypoHintForm``).
"""
import math
import re

from email_validator import EmailNotValidError
from babel import units
from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateTimeLocalField, EmailField, FloatField, IntegerField,
                     SelectField, StringField, TextAreaField)
from wtforms.validators import (DataRequired, Email, InputRequired, Length, Optional,
                                ValidationError)

from campaign.core.countries import country_choices
from campaign.core.forms import (LOCAL_FORMATS, SLUG, MaxLength, MultiCheckboxField,
                                 NonexistentTime, NumberRange, TextSection, TypoHintForm,
                                 TranslatedForm, aware, no_nul, no_urls, plausible_date,
                                 require_text_in, timezone_choices, wall_clock)
from campaign.core.names import one_line
from campaign.core.slugs import slugify
from campaign.events.models import (DEFAULT_REMINDER_OFFSETS, EventStatus, RsvpStatus,
                                    normalise_email, parse_offsets)

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


class RsvpForm(GuestsMixin, TypoHintForm):
    name = StringField(_l("Your name"), filters=[strip, one_line], validators=[
        DataRequired(message=_l("Enter your name.")), MaxLength(120),
        no_control_characters, no_urls])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[
        DataRequired(message=_l("Enter your e-mail address.")), MaxLength(254),
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

    name = StringField(_l("Name"), filters=[strip, one_line], validators=[
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


class TicketForm(FlaskForm):
    """The door's scanner page: a ticket's code typed by hand (what its QR code holds)."""

    code = StringField(_l("Code on the ticket"), validators=[DataRequired(), Length(max=64)],
                       filters=[lambda value: value.strip() if value else value])


# The organiser's event form.

def _stripped(value: str | None) -> str | None:
    """The text without surrounding spaces; None when nothing is left (or it was not sent)."""
    return (value or "").strip() or None


def finite(form, field):
    if field.data is not None and not math.isfinite(field.data):
        raise ValidationError(_l("Enter a number."))


#: The reminders offered as ticks; other stored offsets (PT30M) are shown ticked beside them.
STANDARD_OFFSETS = ("P7D", "P2D", "P1D", "PT2H", "PT1H")


def offset_label(code: str) -> str:
    """"P1D" → "1 day before", in the organiser's language."""
    minutes = int(parse_offsets(code)[0].total_seconds() // 60)
    # The largest unit that divides it exactly: 90 minutes stay 90 minutes, not "2 hours".
    for unit, size in (("week", 7 * 24 * 60), ("day", 24 * 60), ("hour", 60), ("minute", 1)):
        if minutes and minutes % size == 0:
            break
    time = units.format_unit(minutes // size if minutes else 0, f"duration-{unit}",
                             length="long", locale=get_locale())
    return _("%(time)s before", time=time)


class OffsetsField(MultiCheckboxField):
    """Reminder offsets as ticks ("1 day before"), stored as ISO 8601 durations ("P1D,PT2H").

    A posted value may still be a comma-separated list of durations (scripts that fill the
    form, older bookmarks keep working)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=self._choices, **kwargs)

    def _choices(self):
        extra = [code for code in (self.data or []) if code not in STANDARD_OFFSETS]
        return [(code, offset_label(code)) for code in (*STANDARD_OFFSETS, *extra)]

    @staticmethod
    def _codes(values) -> list[str]:
        return [part.strip().upper() for value in values for part in str(value).split(",")
                if part.strip()]

    def process_data(self, value):
        self.data = self._codes([value] if isinstance(value, str) else (value or []))

    def process_formdata(self, valuelist):
        self.data = self._codes(valuelist)

    def pre_validate(self, form):
        try:
            parse_offsets(",".join(self.data))
        except ValueError:
            self.data = []
            raise ValidationError(_l("Use ISO 8601 durations separated by commas, e.g. P1D,PT2H "
                                     "(one day and two hours before)."))


class EventText(TextSection):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Description (Markdown)"),
                                validators=[Optional(), Length(max=20000)])
    venue_name = StringField(_l("Venue name"), validators=[Optional(), Length(max=200)])
    place_notes = StringField(_l("How to find the spot"), validators=[Optional(), Length(max=500)])


def _local_field(label, required=True):
    validators = [InputRequired(message=_l("Enter a date and time."))] if required else [Optional()]
    return DateTimeLocalField(label, format=LOCAL_FORMATS, validators=validators + [plausible_date])


class EventForm(TranslatedForm):
    text_form = EventText

    slug = StringField(_l("Address name (slug)"), validators=[Optional(), Length(max=80), SLUG])
    timezone = SelectField(_l("Time zone"), choices=timezone_choices, default="Europe/Brussels")
    starts_at = _local_field(_l("Starts"))
    ends_at = _local_field(_l("Ends"))
    rsvp_deadline = _local_field(_l("RSVP closes (optional; at the latest when it starts)"),
                                 required=False)
    address_lines = TextAreaField(_l("Street address (one line each)"),
                                  validators=[Optional(), Length(max=500), no_nul])
    postcode = StringField(_l("Postcode"), validators=[Optional(), Length(max=20), no_nul])
    city = StringField(_l("City"), validators=[Optional(), Length(max=120), no_nul])
    country = SelectField(_l("Country"), validators=[Optional()])
    latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90), finite])
    longitude = FloatField(_l("Longitude"),
                           validators=[Optional(), NumberRange(-180, 180), finite])
    capacity = IntegerField(_l("Capacity (seats; empty for no limit)"),
                            validators=[Optional(), NumberRange(1, 1_000_000)])
    max_guests = IntegerField(_l("Guests one person may bring"), default=0,
                              validators=[Optional(), NumberRange(0, 50)])
    contact_name = StringField(_l("Contact person (empty: the campaign's)"),
                               validators=[Optional(), Length(max=120), no_nul])
    contact_email = EmailField(_l("Contact e-mail (empty: the campaign's)"),
                               validators=[Optional(), Length(max=254), Email()])
    reminder_offsets = OffsetsField(_l("Reminders before the start"),
                                    default=DEFAULT_REMINDER_OFFSETS)

    def __init__(self, *args, default_language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language = default_language
        self.country.choices = [("", "—")] + country_choices()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        valid = require_text_in(self, self.default_language) and valid
        valid = self._derive_slug() and valid
        return self._check_moments() and valid

    def _derive_slug(self) -> bool:
        """An empty address name is made from the title in the default language."""
        if self.slug.data or self.slug.errors:
            return not self.slug.errors
        title = getattr(self, f"text_{self.default_language}")["title"].data
        self.slug.data = slugify(title or "")
        if not self.slug.data and (title or "").strip():
            self.slug.errors = [_("The title has no letters to make an address from: please "
                                  "type one, e.g. brussels-protest.")]
        return bool(self.slug.data) or not (title or "").strip()

    def _check_moments(self) -> bool:
        if self.timezone.errors:
            return False  # not one of the offered zones: the field already says so
        moments = {}
        for field in (self.starts_at, self.ends_at, self.rsvp_deadline):
            if field.data is None:
                continue
            try:
                moments[field.name] = aware(field.data, self.timezone.data)
            except (NonexistentTime, KeyError, ValueError):
                field.errors = list(field.errors) + [
                    _("This time does not exist in %(zone)s (the clocks change).",
                      zone=self.timezone.data)]
                return False
        start, end = moments.get("starts_at"), moments.get("ends_at")
        if start and end and end <= start:
            self.ends_at.errors = list(self.ends_at.errors) + [_("The end must be after the start.")]
            return False
        deadline = moments.get("rsvp_deadline")
        if start and deadline and deadline > start:
            self.rsvp_deadline.errors = list(self.rsvp_deadline.errors) + [
                _("RSVPs must close before the event starts.")]
            return False
        return True

    def values(self) -> dict:
        """The event's fields from the validated form, times made aware in the chosen zone."""
        zone = self.timezone.data
        return dict(
            slug=self.slug.data, timezone=zone,
            starts_at=aware(self.starts_at.data, zone), ends_at=aware(self.ends_at.data, zone),
            rsvp_deadline=aware(self.rsvp_deadline.data, zone) if self.rsvp_deadline.data else None,
            address_lines=_stripped(self.address_lines.data),
            postcode=_stripped(self.postcode.data), city=_stripped(self.city.data),
            country=self.country.data or None, latitude=self.latitude.data,
            longitude=self.longitude.data, capacity=self.capacity.data,
            max_guests=self.max_guests.data or 0, contact_name=self.contact_name.data,
            contact_email=self.contact_email.data,
            reminder_offsets=",".join(self.reminder_offsets.data))
