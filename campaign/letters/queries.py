"""Reads shared by the letter pages, organiser views, exports and mail."""
import datetime as dt

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, lazyload

from campaign.campaigns.models import Campaign, KeyDate
from campaign.core import addresses
from campaign.extensions import db
from campaign.letters.models import (ActionStatus, DeliveryState, Letter, LetterAction,
                                     LetterDelivery, LetterState, LetterTarget, MailtoClick,
                                     TargetRule, action_target)


def get_public_action(slug: str) -> LetterAction:
    """The action visitors may see (open or closed, in a public campaign).

    :raise 404: when there is no such action, or it or its campaign is a draft.
    """
    # Texts only when a page shows them (writing a letter does not); the closing key date
    # with the action, as whether it is open depends on it.
    action = db.session.scalar(sa.select(LetterAction).where(LetterAction.slug == slug).options(
        lazyload(LetterAction.translations),
        joinedload(LetterAction.campaign).lazyload(Campaign.translations),
        joinedload(LetterAction.closing_key_date).lazyload(KeyDate.translations)))
    if action is None or not action.is_public:
        abort(404)
    return action


def letter_id(action: LetterAction, email: str) -> int | None:
    """The id of the letter *email* (any form of it) holds for *action*."""
    return db.session.scalar(sa.select(Letter.id).where(
        Letter.action_id == action.id, Letter.email_canonical == addresses.canonical(email)))


def get_action(action_id: int) -> LetterAction:
    """Any action, for organisers. :raise 404: when it does not exist."""
    return db.get_or_404(LetterAction, action_id)


def campaign_actions(campaign, public_only: bool = True) -> list[LetterAction]:
    query = sa.select(LetterAction).where(LetterAction.campaign_id == campaign.id)
    if public_only:
        query = query.where(LetterAction.status != ActionStatus.DRAFT)
    return list(db.session.scalars(query.order_by(LetterAction.id)))


def campaign_targets(campaign_id: int) -> list[LetterTarget]:
    return list(db.session.scalars(
        sa.select(LetterTarget).where(LetterTarget.campaign_id == campaign_id)
        .order_by(LetterTarget.country, LetterTarget.name)))


def _selected(action: LetterAction, *columns) -> sa.Select:
    """A select of *columns* of the targets the action's rule picks now (the rule is stored,
    the list is not): the database picks, so a page or a letter never loads every target of
    a campaign (the European Parliament has 720)."""
    query = sa.select(*columns)
    if action.target_rule == TargetRule.PICKED:
        return query.join(action_target, action_target.c.target_id == LetterTarget.id).where(
            action_target.c.action_id == action.id)
    query = query.where(LetterTarget.campaign_id == action.campaign_id)
    if action.target_rule == TargetRule.COUNTRY:
        return query.where(LetterTarget.country.in_(action.country_codes))
    if action.target_rule == TargetRule.GROUP:
        return query.where(LetterTarget.political_group.in_(action.group_names))
    return query


def _by_country_and_name(targets) -> list[LetterTarget]:
    # Sorted here, not by the database: the same order on every engine and collation.
    return sorted(targets, key=lambda t: (t.country, t.name))


def selected_targets(action: LetterAction) -> list[LetterTarget]:
    """The targets the action's rule picks now."""
    return _by_country_and_name(db.session.scalars(_selected(action, LetterTarget)))


def targets_for(action: LetterAction, country: str | None) -> list[LetterTarget]:
    """The selected targets who represent *country*."""
    if not country:
        return []
    return _by_country_and_name(db.session.scalars(
        _selected(action, LetterTarget).where(LetterTarget.country == country)))


def countries(action: LetterAction) -> list[str]:
    """Codes of the countries the action has targets in."""
    return sorted(db.session.scalars(_selected(action, LetterTarget.country).distinct()))


def letters_sent(action: LetterAction) -> int:
    """Confirmed letters (one per supporter): the public count."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Letter).where(
        Letter.action_id == action.id, Letter.state == LetterState.CONFIRMED)) or 0


def mailto_clicks(action: LetterAction) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(MailtoClick).where(
        MailtoClick.action_id == action.id)) or 0


def deliveries_by(action: LetterAction, *columns) -> list:
    """Deliveries per *columns* (of LetterTarget) and state: (*values, state, count) rows."""
    return list(db.session.execute(
        sa.select(*columns, LetterDelivery.state, sa.func.count())
        .join(LetterTarget, LetterTarget.id == LetterDelivery.target_id)
        .where(LetterDelivery.action_id == action.id)
        .group_by(*columns, LetterDelivery.state).order_by(*columns)))


def deliveries_by_state(action: LetterAction) -> dict[DeliveryState, int]:
    rows = db.session.execute(
        sa.select(LetterDelivery.state, sa.func.count())
        .where(LetterDelivery.action_id == action.id).group_by(LetterDelivery.state))
    return {state: n for state, n in rows}


def letters_by_country(action: LetterAction) -> list[tuple[str, int]]:
    total = sa.func.count().label("total")
    return list(db.session.execute(
        sa.select(Letter.country, total)
        .where(Letter.action_id == action.id, Letter.state == LetterState.CONFIRMED)
        .group_by(Letter.country).order_by(total.desc(), Letter.country)))


def stream_deliveries(action: LetterAction, batch: int = 1000):
    """(delivery, letter, target) in order, for the CSV export."""
    query = (sa.select(LetterDelivery, Letter, LetterTarget)
             .join(Letter, Letter.id == LetterDelivery.letter_id)
             .join(LetterTarget, LetterTarget.id == LetterDelivery.target_id)
             .where(LetterDelivery.action_id == action.id).order_by(LetterDelivery.id)
             .execution_options(yield_per=batch))
    yield from db.session.execute(query)


def letters_per_day(action: LetterAction) -> list[tuple[str, int, int]]:
    """(UTC day, confirmed letters, percent of the busiest day) from the first to the last day."""
    day = sa.func.date(Letter.confirmed_at)  # a date on PostgreSQL, text on SQLite
    rows = db.session.execute(
        sa.select(day, sa.func.count())
        .where(Letter.action_id == action.id, Letter.state == LetterState.CONFIRMED)
        .group_by(day).order_by(day))
    found = {dt.date.fromisoformat(str(label)): n for label, n in rows}
    if not found:
        return []
    first, top = min(found), max(found.values())
    days = (first + dt.timedelta(days=n) for n in range((max(found) - first).days + 1))
    return [(d.isoformat(), found.get(d, 0), round(found.get(d, 0) * 100 / top))
            for d in days]


def letter_from_key(key) -> Letter | None:
    """The letter a confirmation link's (signed, random) key is for; None for anything else.

    Links mailed before migration 0017 signed the letter's id instead: still honoured for a
    letter not erased, until they expire (LETTER_CONFIRM_MAX_AGE after they were mailed).
    The signature proves we issued them; remove this branch a week after upgrading.
    """
    if isinstance(key, int) and not isinstance(key, bool):
        letter = db.session.get(Letter, key)
        return letter if letter is not None and letter.erased_at is None else None
    if not isinstance(key, str) or not key:
        return None
    return db.session.scalar(sa.select(Letter).where(Letter.link_key == key))


def letters_of_address(email: str) -> list[Letter]:
    """Every letter held for the address (compared in canonical form), erased ones left out,
    newest first: for "your data"."""
    from campaign.core.addresses import forms

    _stored, canonical, _domain = forms(email)
    return list(db.session.scalars(sa.select(Letter).where(
        Letter.email_canonical == canonical, Letter.erased_at.is_(None))
        .order_by(Letter.created_at.desc(), Letter.id.desc())))


def recipients_of(letter: Letter) -> list[tuple[LetterTarget, DeliveryState]]:
    """The targets a confirmed letter goes to, with each delivery's state."""
    return list(db.session.execute(
        sa.select(LetterTarget, LetterDelivery.state)
        .join(LetterDelivery, LetterDelivery.target_id == LetterTarget.id)
        .where(LetterDelivery.letter_id == letter.id).order_by(LetterTarget.name)))
