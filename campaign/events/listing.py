"""The organiser's attendee list: a page at a time, read by key from an index (no OFFSET,
no count of the rows: every page costs the same at 100,000 RSVPs as at 10), and the CSV
export in the same order."""
from dataclasses import dataclass

import sqlalchemy as sa

from campaign.events.models import Event, Rsvp, RsvpStatus, RsvpTally
from campaign.events.queries import waitlist_order, waitlist_position
from campaign.extensions import db

#: The list's sections in page order, each in its own order, which an index serves:
#: the confirmed by name, then the waiting list in its order, then the cancelled by name.
_BY_NAME = (Rsvp.sort_key, Rsvp.id)
SECTIONS = ((RsvpStatus.CONFIRMED, _BY_NAME), (RsvpStatus.WAITLISTED, waitlist_order()),
            (RsvpStatus.CANCELLED, _BY_NAME))


def _sections(status: str | None):
    """The sections a status filter shows (an unknown status filters nothing)."""
    chosen = [section for section in SECTIONS if section[0].value == status]
    return chosen or list(SECTIONS)


def _matching(search: str | None) -> list:
    """Part of the name or address, in any case (this one reads every row of a section)."""
    return [sa.or_(Rsvp.name.icontains(search, autoescape=True),
                   Rsvp.email.icontains(search, autoescape=True))] if search else []


def _filtered(event: Event, status: RsvpStatus, search: str | None):
    return sa.select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.status == status,
                                 *_matching(search))


@dataclass
class AttendeePage:
    """One page of the attendee list; the next and previous pages start after its last row
    and end before its first (keyset paging: no OFFSET, every page costs the same)."""

    rows: list
    #: How many people match the filters.
    count: int
    has_previous: bool
    has_next: bool


def attendees(event: Event, status: str | None = None, search: str | None = None,
              after: int | None = None, before: int | None = None,
              per_page: int = 100) -> AttendeePage:
    """The page of the attendee list right after the RSVP *after* (or right before
    *before*; the first page without either, or when that RSVP is not on this list)."""
    sections = _sections(status)
    mark = db.session.get(Rsvp, after or before) if (after or before) else None
    if mark is None or mark.event_id != event.id or mark.status not in dict(sections):
        mark = None
    if mark is not None and not after:
        rows = _walk(event, sections[::-1], search, mark, per_page + 1, backwards=True)
        page = AttendeePage(rows[:per_page][::-1], 0, len(rows) > per_page, True)
    else:
        rows = _walk(event, sections, search, mark, per_page + 1)
        page = AttendeePage(rows[:per_page], 0, mark is not None, len(rows) > per_page)
    if mark is not None and not page.rows:  # nothing is left past the mark: start again
        return attendees(event, status, search, per_page=per_page)
    page.count = _count(event, sections, search)
    return page


def _walk(event: Event, sections, search: str | None, mark: Rsvp | None, limit: int,
          backwards: bool = False) -> list[Rsvp]:
    """Up to *limit* rows after *mark* (before it, nearest first, when *backwards*): the
    rest of its section, then the sections that follow, each read from its index."""
    rows = []
    for status, order in sections:
        query = _filtered(event, status, search)
        if mark is not None:
            if status != mark.status:
                continue  # a section before the mark's
            here = sa.tuple_(*(sa.literal(getattr(mark, column.key), column.type)
                               for column in order))
            query = query.where(sa.tuple_(*order) < here if backwards
                                else sa.tuple_(*order) > here)
            mark = None
        query = query.order_by(*(column.desc() if backwards else column for column in order))
        rows += db.session.scalars(query.limit(limit - len(rows)))
        if len(rows) >= limit:
            break
    return rows


def _count(event: Event, sections, search: str | None) -> int:
    """People in *sections* matching *search*: from the tally, or (a search) by reading
    every RSVP of those sections."""
    statuses = [status for status, _order in sections]
    if search:
        return db.session.scalar(sa.select(sa.func.count()).where(
            Rsvp.event_id == event.id, Rsvp.status.in_(statuses), *_matching(search)))
    return int(db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(RsvpTally.people), 0))
                                 .where(RsvpTally.event_id == event.id,
                                        RsvpTally.status.in_(statuses))))


def waitlist_positions(rows: list[Rsvp], consecutive: bool) -> dict[int, int]:
    """{RSVP id: place on the waiting list} for the waitlisted *rows* (in list order): one
    count for the first, then one more each when the rows are *consecutive* (no search
    left anyone out), else one count each."""
    positions, previous = {}, None
    for rsvp in rows:
        if rsvp.status != RsvpStatus.WAITLISTED:
            continue
        positions[rsvp.id] = previous + 1 if consecutive and previous else \
            waitlist_position(rsvp)
        previous = positions[rsvp.id]
    return positions


EXPORT_COLUMNS = (Rsvp.id, Rsvp.name, Rsvp.email, Rsvp.guests, Rsvp.status, Rsvp.checked_in_at,
                  Rsvp.wants_updates, Rsvp.lang, Rsvp.source, Rsvp.created_at)


def export_rows(event: Event, batch: int = 500):
    """Every RSVP of *event* as plain rows, in the list's order, fetched *batch* at a time
    (constant memory; each section read in its index's order, nothing sorted)."""
    for status, order in SECTIONS:
        query = (sa.select(*EXPORT_COLUMNS).where(Rsvp.event_id == event.id,
                                                  Rsvp.status == status).order_by(*order))
        yield from db.session.execute(query.execution_options(yield_per=batch))


def count_rsvps(event: Event) -> int:
    """How many rows the export holds (for the audit log)."""
    return _count(event, SECTIONS, None)
