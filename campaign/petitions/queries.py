"""Reads shared by the petition pages, organiser views and exports."""
import functools
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import abort, current_app
from sqlalchemy.orm import joinedload

from campaign import clock
from campaign.campaigns.models import Campaign
from campaign.core import addresses
from campaign.core.names import showable
from campaign.extensions import db
from campaign.petitions import counter
from campaign.petitions.config import setting
from campaign.petitions.models import Petition, PetitionStatus, Signature, SignatureState

RECENT_SIGNERS = 10


@dataclass(frozen=True)
class Progress:
    count: int
    goal: int

    @property
    def percent(self) -> int:
        return min(100, self.count * 100 // self.goal) if self.goal else 100


@dataclass(frozen=True)
class SignatureFilter:
    """What organisers narrow a list, an export or an invalidation to."""

    state: str | None = None
    country: str | None = None
    ip_hash: str | None = None
    domain: str | None = None
    #: Signed (created) at or after / before these moments.
    since: datetime | None = None
    until: datetime | None = None
    #: Part of the name or e-mail address.
    search: str | None = None

    def clauses(self) -> list:
        found = []
        if self.state:
            found.append(Signature.state == SignatureState(self.state))
        if self.country:
            found.append(Signature.country == self.country)
        if self.ip_hash:
            found.append(Signature.ip_hash == self.ip_hash)
        if self.domain:
            found.append(Signature.email_domain == self.domain.strip().lower())
        if self.since:
            found.append(Signature.created_at >= self.since)
        if self.until:
            found.append(Signature.created_at < self.until)
        if self.search:
            search = self.search.strip()
            found.append(sa.or_(Signature.name.icontains(search, autoescape=True),
                                Signature.email.icontains(search, autoescape=True)))
        return found

    @property
    def narrows_to_a_source(self) -> bool:
        """Whether it picks signatures by where or when they came from (bulk invalidation)."""
        return bool(self.ip_hash or self.domain or self.since or self.until)


def get_public_petition(slug: str) -> Petition:
    """The petition visitors may see (open or closed, in a public campaign).

    :raise 404: when there is no such petition, or it or its campaign is a draft.
    """
    petition = db.session.scalar(_public_petition(), {"slug": slug})
    if petition is None or not petition.is_public:
        abort(404)
    return petition


@functools.cache
def _public_petition() -> sa.Select:
    # Built once (a signature's request runs it). The campaign's texts only when a page shows
    # them (signing does not): not on every load.
    return (sa.select(Petition).where(Petition.slug == sa.bindparam("slug"))
            .options(joinedload(Petition.campaign).lazyload(Campaign.translations)))


def get_petition(petition_id: int) -> Petition:
    """Any petition, for organisers. :raise 404: when it does not exist."""
    return db.get_or_404(Petition, petition_id)


def get_signature(petition: Petition, signature_id: int) -> Signature:
    """A signature of *petition*. :raise 404: when there is none such."""
    signature = db.session.get(Signature, signature_id)
    if signature is None or signature.petition_id != petition.id:
        abort(404)
    return signature


def signature_id(petition: Petition, email: str) -> int | None:
    """The id of the signature *email* (any form of it) holds on *petition*."""
    return db.session.scalar(_signature_id(), {"petition_id": petition.id,
                                               "canonical": addresses.canonical(email)})


@functools.cache
def _signature_id() -> sa.Select:
    return sa.select(Signature.id).where(
        Signature.petition_id == sa.bindparam("petition_id"),
        Signature.email_canonical == sa.bindparam("canonical"))


def progress(petition: Petition, fresh: bool = False) -> Progress:
    verified = counter.count(petition.id, fresh=fresh)
    return Progress(verified, counter.next_goal(verified, petition.goal))


def recent_public_signers(petition: Petition) -> list[tuple[str, str]]:
    """(first name, country code) of the latest verified signers who chose to be listed.

    Kept per process as long as the count, so a page view at a peak does no query here.
    """
    cache = current_app.extensions.setdefault("petition_recent_signers", {})
    moment = clock.now().timestamp()
    hit = cache.get(petition.id)
    if hit is not None and hit[0] > moment:
        return hit[1]
    rows = db.session.execute(
        sa.select(Signature.name, Signature.country)
        .where(Signature.petition_id == petition.id,
               Signature.state == SignatureState.VERIFIED, Signature.public.is_(True),
               Signature.name_hidden.is_(False))
        .order_by(Signature.verified_at.desc()).limit(RECENT_SIGNERS * 2))
    # A "name" with markup or a link is left out (organisers can also hide any name).
    signers = [((name.split() or [""])[0], country) for name, country in rows
               if showable(name)][:RECENT_SIGNERS]
    cache[petition.id] = (moment + setting("PETITION_COUNT_CACHE_SECONDS"), signers)
    return signers


def campaign_petitions(campaign: Campaign, public_only: bool = True) -> list[Petition]:
    query = sa.select(Petition).where(Petition.campaign_id == campaign.id)
    if public_only:
        query = query.where(Petition.status != PetitionStatus.DRAFT)
    return list(db.session.scalars(query.order_by(Petition.created_at.desc(), Petition.id)))


#: The organiser's list counts matches up to this many, then says "more than" (an exact
#: count of a million signatures reads a million index entries on every page).
LIST_COUNT_CAP = 10_000


@dataclass(frozen=True)
class SignaturePage:
    """One page of the organiser's list, newest first; the pages next to it start after
    its last row (older) or end before its first (newer): keyset paging, no OFFSET."""

    items: list
    #: How many signatures match, at most LIST_COUNT_CAP (then ``more`` is true).
    total: int
    more: bool
    has_newer: bool
    has_older: bool


def signatures(petition: Petition, filters: SignatureFilter, after: int | None = None,
               before: int | None = None, per_page: int = 50) -> SignaturePage:
    """The page of the organiser's list right after the signature *after* (older than
    it), or right before *before* (newer); the newest without either, or when that
    signature is not the petition's. Read in the order of an index (petition, created, id)."""
    matching = sa.select(Signature).where(Signature.petition_id == petition.id,
                                          *filters.clauses())
    mark = db.session.get(Signature, after or before) if (after or before) else None
    if mark is not None and mark.petition_id != petition.id:
        mark = None
    key = sa.tuple_(Signature.created_at, Signature.id)
    here = mark and sa.tuple_(sa.literal(mark.created_at, Signature.created_at.type),
                              sa.literal(mark.id, Signature.id.type))
    if mark is not None and not after:
        rows = list(db.session.scalars(matching.where(key > here).order_by(
            Signature.created_at, Signature.id).limit(per_page + 1)))
        items, has_newer, has_older = rows[:per_page][::-1], len(rows) > per_page, True
    else:
        if mark is not None:
            matching = matching.where(key < here)
        rows = list(db.session.scalars(matching.order_by(
            Signature.created_at.desc(), Signature.id.desc()).limit(per_page + 1)))
        items, has_newer, has_older = rows[:per_page], mark is not None, len(rows) > per_page
    if mark is not None and not items:  # nothing is left past the mark: start again
        return signatures(petition, filters, per_page=per_page)
    total = capped_count(petition, filters, LIST_COUNT_CAP)
    return SignaturePage(items, min(total, LIST_COUNT_CAP), total > LIST_COUNT_CAP,
                         has_newer, has_older)


def capped_count(petition: Petition, filters: SignatureFilter, cap: int) -> int:
    """How many signatures match, counting no further than *cap* + 1."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(
        sa.select(Signature.id).where(Signature.petition_id == petition.id,
                                      *filters.clauses()).limit(cap + 1).subquery()))


def matching_counts(petition: Petition, filters: SignatureFilter) -> dict[str, int]:
    """How many signatures per state match (the invalidation preview)."""
    rows = db.session.execute(
        sa.select(Signature.state, sa.func.count())
        .where(Signature.petition_id == petition.id, *filters.clauses())
        .group_by(Signature.state))
    found = {state.value: total for state, total in rows}
    return {state.value: found.get(state.value, 0) for state in SignatureState}


def sample(petition: Petition, filters: SignatureFilter, limit: int = 20) -> list[Signature]:
    return list(db.session.scalars(
        sa.select(Signature).where(Signature.petition_id == petition.id, *filters.clauses())
        .order_by(Signature.created_at.desc()).limit(limit)))


def stream(petition: Petition, filters: SignatureFilter, batch: int = 1000):
    """Every matching signature, oldest first, loaded *batch* rows at a time."""
    query = (sa.select(Signature)
             .where(Signature.petition_id == petition.id, *filters.clauses())
             .order_by(Signature.id).execution_options(yield_per=batch))
    for signature in db.session.scalars(query):
        yield signature


def public_names(petition: Petition, batch: int = 1000):
    """(full name, country) of verified signers who agreed to be public, in signing order."""
    query = (sa.select(Signature.name, Signature.country)
             .where(Signature.petition_id == petition.id,
                    Signature.state == SignatureState.VERIFIED, Signature.public.is_(True),
                    Signature.name_hidden.is_(False))
             .order_by(Signature.verified_at, Signature.id).execution_options(yield_per=batch))
    yield from (row for row in db.session.execute(query) if showable(row.name))


def update_subscribers(campaign_id: int):
    """(e-mail, language) of verified signers of the campaign's petitions who asked for news.

    For a mailing domain; one row per address even when it signed several petitions.
    """
    query = (sa.select(Signature.email, sa.func.min(Signature.lang))
             .join(Petition, Petition.id == Signature.petition_id)
             .where(Petition.campaign_id == campaign_id, Signature.updates.is_(True),
                    Signature.state == SignatureState.VERIFIED)
             .group_by(Signature.email).order_by(Signature.email))
    return list(db.session.execute(query))


def signatures_of_address(email: str) -> list[Signature]:
    """Every signature held for the address (compared in canonical form), newest first."""
    from campaign.core.addresses import forms

    _stored, canonical, _domain = forms(email)
    return list(db.session.scalars(sa.select(Signature).where(
        Signature.email_canonical == canonical).order_by(Signature.created_at.desc())))
