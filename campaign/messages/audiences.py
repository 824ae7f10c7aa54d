"""Who a message or a reminder reaches: the one place that turns an audience into people.

Every sender (key-date reminders, organiser messages, campaign updates) asks this module, so
"opted in", "confirmed" and "suppressed" mean the same thing everywhere. Recipients are
streamed (``yield_per``): a send to 100,000 people never holds them all in memory.

Each address appears once per audience even when the person both RSVPed and signed; they get
the language of their most recent answer. Suppressed addresses (unsubscribed) are left out of
every audience, :attr:`Audience.PETITION_ALL_SIGNERS` too: its messages (about the signature
itself, for example "your signature was delivered") are not transactional, so the mail worker
would suppress them anyway, and the count shown before sending must match who receives it.
"""
import enum
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

import sqlalchemy as sa

from campaign.events.models import Event, Rsvp, RsvpStatus
from campaign.extensions import db
from campaign.letters.models import Letter, LetterAction, LetterState
from campaign.mailing.links import address_key, normalise_address
from campaign.mailing.queries import suppressed_among
from campaign.petitions.models import Petition, Signature, SignatureState

#: Rows fetched at a time when streaming recipients.
BATCH = 1000


class Audience(enum.StrEnum):
    #: Confirmed attendees of one event.
    EVENT_ATTENDEES = "event_attendees"
    #: People on the waiting list of one event.
    EVENT_WAITLIST = "event_waitlist"
    #: Attendees of one event who were checked in at the door.
    EVENT_CHECKED_IN = "event_checked_in"
    #: Verified signers of one petition who opted in to updates.
    PETITION_SIGNERS = "petition_signers"
    #: Every verified signer of one petition: only for messages about their signature.
    PETITION_ALL_SIGNERS = "petition_all_signers"
    #: Supporters who wrote (and confirmed) a letter of one action and opted in to updates.
    LETTER_WRITERS = "letter_writers"
    #: Every supporter who wrote a letter of one action: only for messages about their letter.
    LETTER_ALL_WRITERS = "letter_all_writers"
    #: Everyone who opted in to a campaign's updates, from any of its events, petitions or
    #: letter actions.
    CAMPAIGN_SUPPORTERS = "campaign_supporters"


#: Audiences of the people of one event (their RSVPs): messages to them may use the event's
#: merge fields ({event}, {manage_link}).
ONE_EVENT = (Audience.EVENT_ATTENDEES, Audience.EVENT_WAITLIST, Audience.EVENT_CHECKED_IN)


def form_value(audience: "Audience | None", scope_id: int | None) -> str:
    """An audience as a form's choice: "campaign_supporters", "event_attendees:7", "" (none)."""
    if audience is None:
        return ""
    return audience.value if scope_id is None else f"{audience.value}:{scope_id}"


def parse_form_value(value: str) -> tuple["Audience | None", int | None]:
    """The inverse of :func:`form_value` (for values the form's choices have validated)."""
    if not value:
        return None, None
    name, _sep, scope = value.partition(":")
    return Audience(name), int(scope) if scope else None

@dataclass(frozen=True)
class Recipient:
    email: str
    lang: str
    name: str
    #: The answer (RSVP, signature, letter) the person was found by.
    row_id: int
    #: Stable per address, whichever answer it came from: part of outbox keys, so the same
    #: message never reaches the same person twice (without putting the address in the key).
    ref: str


def person_ref(email: str) -> str:
    """A short stable reference for an address, for outbox keys: keyed (a plain hash of an
    address can be reversed by hashing guesses), 80 bits."""
    return address_key(email)[:20]


def _answers(model, answered_at, *conditions):
    """The people behind RSVPs or signatures, with when they last answered."""
    return sa.select(model.email.label("email"), model.lang.label("lang"),
                     model.name.label("name"), model.id.label("row_id"),
                     answered_at.label("answered_at")).where(*conditions)


def _rsvps(*conditions):
    return _answers(Rsvp, Rsvp.updated_at, Rsvp.erased_at.is_(None), *conditions)


def _signatures(*conditions):
    return _answers(Signature, Signature.created_at, Signature.erased_at.is_(None),
                    Signature.state == SignatureState.VERIFIED, *conditions)


def _letters(*conditions):
    return _answers(Letter, Letter.confirmed_at, Letter.state == LetterState.CONFIRMED,
                    Letter.erased_at.is_(None), *conditions)


def _candidates(audience: Audience, scope_id: int):
    """Everyone the audience could reach, possibly with repeated addresses."""
    if audience == Audience.EVENT_ATTENDEES:
        return _rsvps(Rsvp.event_id == scope_id, Rsvp.status == RsvpStatus.CONFIRMED)
    if audience == Audience.EVENT_WAITLIST:
        return _rsvps(Rsvp.event_id == scope_id, Rsvp.status == RsvpStatus.WAITLISTED)
    if audience == Audience.EVENT_CHECKED_IN:
        return _rsvps(Rsvp.event_id == scope_id, Rsvp.status == RsvpStatus.CONFIRMED,
                      Rsvp.checked_in_at.is_not(None))
    if audience == Audience.PETITION_SIGNERS:
        return _signatures(Signature.petition_id == scope_id, Signature.updates.is_(True))
    if audience == Audience.PETITION_ALL_SIGNERS:
        return _signatures(Signature.petition_id == scope_id)
    if audience == Audience.LETTER_WRITERS:
        return _letters(Letter.action_id == scope_id, Letter.updates.is_(True))
    if audience == Audience.LETTER_ALL_WRITERS:
        return _letters(Letter.action_id == scope_id)
    if audience == Audience.CAMPAIGN_SUPPORTERS:
        events = sa.select(Event.id).where(Event.campaign_id == scope_id)
        petitions = sa.select(Petition.id).where(Petition.campaign_id == scope_id)
        actions = sa.select(LetterAction.id).where(LetterAction.campaign_id == scope_id)
        return sa.union_all(
            _rsvps(Rsvp.event_id.in_(events), Rsvp.wants_updates.is_(True),
                   Rsvp.status != RsvpStatus.CANCELLED),
            _signatures(Signature.petition_id.in_(petitions), Signature.updates.is_(True)),
            _letters(Letter.action_id.in_(actions), Letter.updates.is_(True)))
    raise ValueError(audience)


def _query(audience: Audience, scope_id: int, after: str | None = None):
    """One row per address: its most recent answer (language, name); with *after*, only
    addresses sorting after it (filtered before ranking: all of an address's answers fall
    on the same side). Suppressed addresses are left out by :func:`_unsuppressed`: the list
    holds keyed hashes, which SQL cannot compute on every engine."""
    candidates = _candidates(Audience(audience), scope_id).subquery()
    newest = sa.func.row_number().over(
        partition_by=candidates.c.email,
        order_by=(candidates.c.answered_at.desc(), candidates.c.row_id.desc())).label("rank")
    ranked = sa.select(candidates, newest)
    if after is not None:
        ranked = ranked.where(candidates.c.email > after)
    ranked = ranked.subquery()
    return sa.select(ranked.c.email, ranked.c.lang, ranked.c.name,
                     ranked.c.row_id).where(ranked.c.rank == 1)


def _unsuppressed(audience: Audience, scope_id: int, after: str | None = None):
    """The rows of :func:`_query` in address order, suppressed addresses left out, checked
    against the suppression list one streamed batch at a time."""
    query = _query(audience, scope_id, after).order_by("email")
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    try:  # closed also when the caller stops early (a fan-out chunk), freeing the cursor
        for rows in result.partitions():
            suppressed = suppressed_among(row.email for row in rows)
            yield from (row for row in rows if normalise_address(row.email) not in suppressed)
    finally:
        result.close()


def recipients(audience: Audience, scope_id: int, after: str | None = None,
               limit: int | None = None) -> Iterator[Recipient]:
    """The people *audience* of the event, petition or campaign *scope_id* reaches, streamed
    in a stable order (by address); with *after* and *limit*, the next *limit* addresses
    after *after* (a fan-out's chunk, resuming where the last one stopped)."""
    rows = _unsuppressed(audience, scope_id, after)
    try:
        for number, row in enumerate(rows):
            if limit is not None and number >= limit:
                return
            yield Recipient(email=row.email, lang=row.lang, name=row.name, row_id=row.row_id,
                            ref=person_ref(row.email))
    finally:
        rows.close()


def count_by_language(audience: Audience, scope_id: int) -> dict[str, int]:
    """How many of :func:`recipients` speak each language, most first (one pass)."""
    counts = Counter(row.lang for row in _unsuppressed(audience, scope_id))
    return dict(counts.most_common())


def count(audience: Audience, scope_id: int) -> int:
    """How many people :func:`recipients` would yield: the number shown before sending."""
    return sum(1 for _row in _unsuppressed(audience, scope_id))
