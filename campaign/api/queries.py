"""Reads of the API: a campaign's rows as SELECTs to page through, and its people."""
import sqlalchemy as sa
from flask import abort

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
    return sa.select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.erased_at.is_(None)).order_by(
        Rsvp.id)


def attendance(event: Event, rsvp_id: int) -> Rsvp:
    rsvp = db.session.get(Rsvp, rsvp_id)
    if rsvp is None or rsvp.event_id != event.id or rsvp.erased_at is not None:
        abort(404)
    return rsvp


def petitions(campaign_id: int):
    return sa.select(Petition).where(Petition.campaign_id == campaign_id).order_by(Petition.id)


def signatures(petition_id: int):
    return sa.select(Signature).where(Signature.petition_id == petition_id,
                                      Signature.erased_at.is_(None)).order_by(Signature.id)


def signature(petition: Petition, signature_id: int) -> Signature:
    found = db.session.get(Signature, signature_id)
    if found is None or found.petition_id != petition.id or found.erased_at is not None:
        abort(404)
    return found


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
