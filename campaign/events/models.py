"""Event (with per-language text) and Rsvp."""
import datetime as dt
import enum
import re
import secrets
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from sqlalchemy.orm.collections import attribute_keyed_dict

from campaign import clock
from campaign.core.database import Timestamps, UTCDateTime, enum_column, sort_key_column
from campaign.core import addresses
from campaign.core.names import sort_key
from campaign.core.translations import Translated
from campaign.events import tickets
from campaign.extensions import db

DEFAULT_REMINDER_OFFSETS = "P1D,PT2H"
#: At most four digits a part: offsets of up to 9,999 days, hours or minutes.
_DURATION = re.compile(r"^P(?:(\d{1,4})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,4})M)?)?$")


class EventStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class RsvpStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


def parse_offsets(text: str) -> list[dt.timedelta]:
    """"P1D,PT2H" → [1 day, 2 hours]. :raise ValueError: on anything else."""
    deltas = []
    for part in (p.strip().upper() for p in (text or "").split(",")):
        if not part:
            continue
        match = _DURATION.match(part)
        if not match or part in ("P", "PT") or part.endswith("T"):
            raise ValueError(part)
        days, hours, minutes = (int(g or 0) for g in match.groups())
        deltas.append(dt.timedelta(days=days, hours=hours, minutes=minutes))
    return sorted(set(deltas), reverse=True)


class Event(Timestamps, Translated, db.Model):
    """Something supporters come to: a protest, a vigil, a meeting."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaign.id", ondelete="CASCADE"),
                                             index=True)
    #: Used in URLs: /<lang>/events/<slug>; unique across the site.
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: IANA zone where the event happens; times are shown in it (e.g. Europe/Brussels).
    timezone: Mapped[str] = mapped_column(sa.String(64))
    #: Street and number, one line each.
    address_lines: Mapped[str | None] = mapped_column(sa.Text)
    postcode: Mapped[str | None] = mapped_column(sa.String(20))
    city: Mapped[str | None] = mapped_column(sa.String(120))
    #: ISO 3166 country code (BE); shown in the page's language.
    country: Mapped[str | None] = mapped_column(sa.String(2))
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    #: Seats in all (each RSVP takes 1 + guests); None means no limit.
    capacity: Mapped[int | None]
    #: Most guests one person may bring.
    max_guests: Mapped[int] = mapped_column(default=0)
    #: RSVPs close at this moment (they always close at the start).
    rsvp_deadline: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[EventStatus] = enum_column(EventStatus, default=EventStatus.SCHEDULED)
    #: Only published events have a public page.
    published: Mapped[bool] = mapped_column(default=False)
    #: None: the campaign's contact person.
    contact_name: Mapped[str | None] = mapped_column(sa.String(120))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    #: ISO 8601 durations before the start, comma-separated ("P1D,PT2H"); see parse_offsets.
    reminder_offsets: Mapped[str] = mapped_column(sa.String(100),
                                                  default=DEFAULT_REMINDER_OFFSETS)
    #: iCalendar SEQUENCE: goes up on every change a calendar should see.
    sequence: Mapped[int] = mapped_column(default=0)

    campaign = relationship("Campaign", lazy="joined", innerjoin=True)
    translations = relationship("EventTranslation", collection_class=attribute_keyed_dict("lang"),
                                cascade="all, delete-orphan", lazy="selectin")
    rsvps = relationship("Rsvp", back_populates="event", cascade="all, delete-orphan",
                         passive_deletes=True, lazy="raise_on_sql")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def contact(self) -> tuple[str, str]:
        """(name, e-mail) of the person to ask; the campaign's unless the event has its own."""
        if self.contact_email:
            return (self.contact_name or self.contact_email, self.contact_email)
        return (self.campaign.contact_name, self.campaign.contact_email)

    @property
    def reminder_deltas(self) -> list[dt.timedelta]:
        return parse_offsets(self.reminder_offsets)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return clock.now() >= self.starts_at

    @property
    def is_over(self) -> bool:
        return clock.now() >= self.ends_at

    @property
    def rsvp_open(self) -> bool:
        """Whether the RSVP form takes answers now."""
        now = clock.now()
        return (not self.is_cancelled and now < self.starts_at
                and (self.rsvp_deadline is None or now < self.rsvp_deadline))

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def place(self) -> dict:
        """Everything that says where the event is (compared to tell a change of place)."""
        return {"venue_name": {lang: row.venue_name for lang, row in self.translations.items()
                               if row.venue_name},
                "address_lines": self.address_lines, "postcode": self.postcode,
                "city": self.city, "country": self.country,
                "latitude": _rounded(self.latitude), "longitude": _rounded(self.longitude)}

    def __repr__(self):
        return f"<Event {self.id} {self.slug!r} {self.status} {self.starts_at:%Y-%m-%d %H:%M}Z>"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


class EventTranslation(db.Model):
    __tablename__ = "event_translation"
    __table_args__ = (sa.UniqueConstraint("event_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(sa.String(5))
    title: Mapped[str | None] = mapped_column(sa.String(200))
    #: Markdown.
    description: Mapped[str | None] = mapped_column(sa.Text)
    #: How to find the spot ("in front of Parc Léopold").
    place_notes: Mapped[str | None] = mapped_column(sa.String(500))
    venue_name: Mapped[str | None] = mapped_column(sa.String(200))


def normalise_email(address: str) -> str:
    """The address as stored (see campaign.core.addresses).

    :raise email_validator.EmailNotValidError: when it is not an e-mail address.
    """
    return addresses.validated(address)


def _manage_key() -> str:
    return secrets.token_urlsafe(12)  # 16 characters, 96 random bits


def _link_key() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


class Rsvp(Timestamps, db.Model):
    """One person's answer to an event, for themselves and their guests."""

    __tablename__ = "rsvp"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "email"),
        sa.Index("ix_rsvp_event_status", "event_id", "status", "waitlisted_at"),
        # The organiser's list pages through each status by name from this index (keyset).
        sa.Index("ix_rsvp_event_status_sort_key", "event_id", "status", "sort_key", "id"),
        # "Checked in: n" reads the checked-in entries only.
        sa.Index("ix_rsvp_event_checked_in", "event_id", "checked_in_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    #: What the organiser's list sorts by: the name folded (core.names.sort_key), kept in
    #: step with the name (on insert by the column default, on change by ``_name_changed``).
    sort_key: Mapped[str] = sort_key_column("name")
    #: Normalised with email-validator, then lower-cased: one RSVP per address and event.
    email: Mapped[str] = mapped_column(sa.String(254))
    guests: Mapped[int] = mapped_column(default=0)
    status: Mapped[RsvpStatus] = enum_column(RsvpStatus, default=RsvpStatus.CONFIRMED)
    #: The language the person used: their e-mails are written in it.
    lang: Mapped[str] = mapped_column(sa.String(5))
    #: Version of the consent wording the person agreed to (see forms.CONSENT_VERSION).
    consent_version: Mapped[str] = mapped_column(sa.String(40))
    consented_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: Opted in to campaign updates and key-date reminders.
    wants_updates: Mapped[bool] = mapped_column(default=False)
    #: Place on the waiting list: the moment the RSVP joined it.
    waitlisted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: How many times the form was sent for this address (makes each confirmation mail unique).
    submissions: Mapped[int] = mapped_column(default=1)
    #: Random and unique: the manage link carries it, signed (no address, no sequential id).
    manage_key: Mapped[str] = mapped_column(sa.String(16), default=_manage_key, unique=True)
    #: Random and unique: the door scans it from the QR code in the confirmation (80 random
    #: bits, no name, no address, no sequential id; see tickets.py). Not the manage key, which
    #: changes and cancels the RSVP.
    checkin_code: Mapped[str] = mapped_column(sa.String(16), default=tickets.new_code, unique=True)
    #: "form" (the public page) or "organiser" (added by hand).
    source: Mapped[str] = mapped_column(sa.String(20), default="form")
    #: When the person's data was erased (retention or their own request): name and address
    #: are gone, the row stays so that the event's figures stay right.
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    event = relationship("Event", back_populates="rsvps", lazy="joined", innerjoin=True)

    @validates("name")
    def _name_changed(self, _key, name):
        self.sort_key = sort_key(name)
        return name

    @property
    def seats(self) -> int:
        return 1 + self.guests

    @property
    def is_active(self) -> bool:
        return self.status != RsvpStatus.CANCELLED

    def __repr__(self):
        return f"<Rsvp {self.id} event={self.event_id} {self.status} seats={self.seats}>"



class RsvpTally(db.Model):
    """People and seats of one event in one status: the organiser's totals and the list's
    counts without counting the RSVPs.

    Kept by database triggers on ``rsvp`` (migration 0023_list_keys), in the transaction of
    each insert, delete or change of status or guests, whoever writes it (the app, a bulk
    load, SQL by hand), so the figures are exact at every commit. Those writes already lock
    their event's row (rsvps.py), so the tally adds no wait and no lock order of its own.
    Check-ins are not in it: they lock only their RSVPs (a door phone's batch several), and
    a shared row would let two batches deadlock; they are counted from their own index.
    A migration that rebuilds ``rsvp`` on SQLite (Alembic's batch mode) drops its triggers
    and must create them again (see 0023_list_keys).
    """

    __tablename__ = "rsvp_tally"

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"),
                                          primary_key=True)
    status: Mapped[RsvpStatus] = enum_column(RsvpStatus, primary_key=True)
    people: Mapped[int] = mapped_column(default=0)
    #: 1 + guests for each person.
    seats: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f"<RsvpTally event={self.event_id} {self.status} people={self.people}>"


class RsvpRequest(db.Model):
    """A public RSVP waiting for its address to be confirmed by the link we mailed.

    It holds no seat and changes no count: confirming turns it into an :class:`Rsvp`, with a
    seat if one is free at that moment, else on the waiting list (so late confirmations never
    overbook an event). One row per event and address; it is deleted, with its mail, once its
    link has expired. The form writes it whether or not the address is registered (a
    registered address is mailed its manage link instead), so nothing a stranger sees depends
    on who registered.
    """

    __tablename__ = "rsvp_request"
    __table_args__ = (sa.UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"))
    #: Random and unique, signed into the confirmation link; renewed when the row is reused.
    link_key: Mapped[str] = mapped_column(sa.String(24), unique=True, default=_link_key)
    email: Mapped[str] = mapped_column(sa.String(254))
    name: Mapped[str] = mapped_column(sa.String(120))
    guests: Mapped[int] = mapped_column(default=0)
    lang: Mapped[str] = mapped_column(sa.String(5))
    wants_updates: Mapped[bool] = mapped_column(default=False)
    consent_version: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: The link works until then; the row and its mail are deleted after it.
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    #: Mails sent for this row (capped against mail-bombing), and when the last one was.
    mails_sent: Mapped[int] = mapped_column(default=1)
    last_mailed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: The RSVP the link made (or found): following the link again shows it.
    rsvp_id: Mapped[int | None] = mapped_column(sa.ForeignKey("rsvp.id", ondelete="SET NULL"))

    event = relationship("Event", lazy="joined", innerjoin=True)

    @property
    def is_expired(self) -> bool:
        return clock.now() >= self.expires_at

    @property
    def seats(self) -> int:
        return 1 + self.guests

    def __repr__(self):
        return f"<RsvpRequest {self.id} event={self.event_id}>"
