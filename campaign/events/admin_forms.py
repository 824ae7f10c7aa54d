"""The organiser's event form: texts per language, times in the event's own zone, the place."""
import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import (DateTimeLocalField, EmailField, FloatField, IntegerField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import (DataRequired, Email, InputRequired, Length, Optional,
                                ValidationError)
from flask_wtf import FlaskForm

from campaign.core.forms import (SLUG, NumberRange, TextSection, add_language_sections,
                                 no_nul, plausible_date, require_text_in, timezone_choices)
from campaign.events.models import DEFAULT_REMINDER_OFFSETS, parse_offsets
from campaign.core.countries import country_choices

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class NonexistentTime(ValueError):
    """A local time skipped when the clocks go forward."""


def aware(naive: datetime, zone: str) -> datetime:
    """*naive* read as a wall-clock time in *zone*. :raise NonexistentTime: in a DST gap."""
    tz = ZoneInfo(zone)
    moment = naive.replace(tzinfo=tz)
    try:
        round_trip = moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError as error:  # year 1 or 9999 shifted past the calendar's end
        raise NonexistentTime(naive) from error
    if round_trip != naive:
        raise NonexistentTime(naive)
    return moment


def wall_clock(moment: datetime | None, zone: str) -> datetime | None:
    """The naive local time a datetime-local input shows for *moment*."""
    return None if moment is None else moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _stripped(value: str | None) -> str | None:
    """The text without surrounding spaces; None when nothing is left (or it was not sent)."""
    return (value or "").strip() or None


def finite(form, field):
    if field.data is not None and not math.isfinite(field.data):
        raise ValidationError(_l("Enter a number."))


def reminder_offsets(form, field):
    try:
        parse_offsets(field.data)
    except ValueError:
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


class EventForm(FlaskForm):
    slug = StringField(_l("Address name (slug)"), validators=[DataRequired(), Length(max=80), SLUG])
    timezone = SelectField(_l("Time zone"), choices=timezone_choices(), default="Europe/Brussels")
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
    reminder_offsets = StringField(_l("Reminders before the start"),
                                   default=DEFAULT_REMINDER_OFFSETS,
                                   validators=[Optional(), Length(max=100), reminder_offsets])

    def __init__(self, *args, default_language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language = default_language
        self.country.choices = [("", "—")] + country_choices()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        valid = require_text_in(self, self.default_language) and valid
        return self._check_moments() and valid

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
            reminder_offsets=(self.reminder_offsets.data or "").strip().upper())


add_language_sections(EventForm, EventText)
