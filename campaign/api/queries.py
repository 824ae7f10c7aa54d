"""Reads of the API: a campaign's rows as SELECTs to page through, and its people."""
import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from campaign.campaigns.models import KeyDate
from campaign.events.models import Event, Rsvp
from campaign.extensions import db
from campaign.letters.models import Letter, LetterAction, LetterState
from campaign.messages.models import OrganiserMessage
from campaign.petitions.models import Petition, Signature, SignatureState


def owned(model, row_id: int, campaign_id: int):
    """The row of the campaign. :raise 404: when it is missing or another campaign's."""
    row = db.session.get(model, row_id)
    if row is None or row.campaign_id != campaign_id:
        abort(404)
    return row


def events(campaign_id: int):
    return sa.select(Event).where(Event.campaign_id == campaign_id).order_by(
        Event.starts_at, Event.id)


def attendances(event_id: int):
    return _kept(Rsvp, Rsvp.event_id, event_id)


def attendance(event: Event, rsvp_id: int) -> Rsvp:
    return _kept_row(Rsvp, rsvp_id, "event_id", event.id)


def petitions(campaign_id: int):
    # Their texts with them (a page of petitions shows every one's), in one more query.
    return sa.select(Petition).where(Petition.campaign_id == campaign_id).order_by(
        Petition.id).options(selectinload(Petition.translations))


def signatures(petition_id: int):
    return _kept(Signature, Signature.petition_id, petition_id)


def signature(petition: Petition, signature_id: int) -> Signature:
    return _kept_row(Signature, signature_id, "petition_id", petition.id)


def _kept(model, parent_column, parent_id: int):
    """The rows (RSVPs, signatures) of one event or petition that were not erased."""
    return sa.select(model).where(parent_column == parent_id,
                                  model.erased_at.is_(None)).order_by(model.id)


def _kept_row(model, row_id: int, parent: str, parent_id: int):
    """One of :func:`_kept`'s rows. :raise 404: missing, another's, or erased."""
    row = db.session.get(model, row_id)
    if row is None or getattr(row, parent) != parent_id or row.erased_at is not None:
        abort(404)
    return row


def key_dates(campaign_id: int):
    return sa.select(KeyDate).where(KeyDate.campaign_id == campaign_id).order_by(
        KeyDate.date, KeyDate.id)


def messages(campaign_id: int):
    return sa.select(OrganiserMessage).where(OrganiserMessage.campaign_id == campaign_id
                                             ).order_by(OrganiserMessage.id.desc())


def _answers(model, answered_at, wants_updates, *conditions):
    return sa.select(model.email.label("email"), model.name.label("name"),
                     model.lang.label("lang"), answered_at.label("answered_at"),
                     sa.cast(wants_updates, sa.Integer).label("updates"),
                     model.id.label("row_id")).where(*conditions)


def people(campaign_id: int):
    """Everyone who answered the campaign (an RSVP, a verified signature, a confirmed
    letter), once per address: the name and language of their latest answer, and whether
    any answer asked for updates."""
    events_of = sa.select(Event.id).where(Event.campaign_id == campaign_id)
    petitions_of = sa.select(Petition.id).where(Petition.campaign_id == campaign_id)
    actions_of = sa.select(LetterAction.id).where(LetterAction.campaign_id == campaign_id)
    answers = sa.union_all(
        _answers(Rsvp, Rsvp.created_at, Rsvp.wants_updates, Rsvp.event_id.in_(events_of),
                 Rsvp.erased_at.is_(None)),
        _answers(Signature, Signature.created_at, Signature.updates,
                 Signature.petition_id.in_(petitions_of), Signature.erased_at.is_(None),
                 Signature.state == SignatureState.VERIFIED),
        _answers(Letter, Letter.created_at, Letter.updates, Letter.action_id.in_(actions_of),
                 Letter.state == LetterState.CONFIRMED, Letter.erased_at.is_(None))).subquery()
    ranked = sa.select(
        answers.c.email, answers.c.name, answers.c.lang, answers.c.answered_at,
        sa.func.max(answers.c.updates).over(partition_by=answers.c.email).label("wants_updates"),
        sa.func.row_number().over(partition_by=answers.c.email, order_by=(
            answers.c.answered_at.desc(), answers.c.row_id.desc())).label("rank")).subquery()
    return (sa.select(ranked.c.email, ranked.c.name, ranked.c.lang, ranked.c.answered_at,
                      ranked.c.wants_updates)
            .where(ranked.c.rank == 1).order_by(ranked.c.email))
