"""The letter e-mails: the supporter's confirmation link, and the letter to each target."""
import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l

from campaign.core.signing import make_token
from campaign.extensions import db
from campaign.letters import queries
from campaign.letters.config import setting
from campaign.letters.models import (DeliveryState, Letter, LetterAction, LetterDelivery,
                                     LetterState, LetterTarget)
from campaign.mailing import kinds

CONFIRMATION = "letter_confirmation"
TO_TARGET = "letter_to_target"
#: Purpose of the signed confirmation links (campaign.core.signing).
TOKEN_PURPOSE = "letter"


def load_confirmation(payload: dict) -> dict | None:
    """The link, built at send time (it expires 7 days after sending); "already sent" for a
    confirmed letter; None once the letter is gone or the action closed before confirming."""
    letter = db.session.get(Letter, payload.get("letter_id"))
    if letter is None:
        return None
    action = letter.action
    if letter.state == LetterState.PENDING and not action.is_open:
        return None
    return {"letter": letter, "action": action, "name": letter.name,
            "title": action.text("title"), "confirmed": letter.state == LetterState.CONFIRMED,
            "targets": queries.targets_for(action, letter.country),
            "token": make_token(TOKEN_PURPOSE, letter.link_key),
            "days": max(1, setting("LETTER_CONFIRM_MAX_AGE") // 86400)}


def _deliveries(ids):
    return (sa.select(LetterDelivery, Letter).join(Letter, Letter.id == LetterDelivery.letter_id)
            .where(LetterDelivery.id.in_(ids)))


def preload_to_target(payloads: list[dict]) -> None:
    """A batch's deliveries with their letters, targets and actions in three queries, not
    one per letter; load_to_target takes each from here (and reads it as it would have)."""
    preloaded = g.setdefault("_letters_preloaded", {})
    ids = [payload.get("delivery_id") for payload in payloads]
    for delivery, letter in db.session.execute(_deliveries(ids)):
        preloaded[delivery.id] = (delivery, letter)
    kept = g.setdefault("_letters_kept", {})
    targets = {delivery.target_id for delivery, _ in preloaded.values()}
    actions = {letter.action_id for _, letter in preloaded.values()}
    for model, name, ids in ((LetterTarget, "target", targets), (LetterAction, "action", actions)):
        missing = [number for number in ids if (name, number) not in kept]
        for found in db.session.scalars(sa.select(model).where(model.id.in_(missing))):
            kept[(name, found.id)] = found


def load_to_target(payload: dict) -> dict | None:
    """The supporter's words to one target, From "<name> via <campaign>", Reply-To them."""
    found = g.get("_letters_preloaded", {}).pop(payload.get("delivery_id"), None)
    if found is None:
        found = db.session.execute(_deliveries([payload.get("delivery_id")])).one_or_none()
    if found is None or found[0].state != DeliveryState.SCHEDULED:
        return None
    delivery, letter = found
    # The session forgets objects nobody holds: without these references every letter of a
    # batch would load its action, campaign, their texts and its target again.
    kept = g.setdefault("_letters_kept", {})
    kept.setdefault(("action", letter.action_id), letter.action)
    kept.setdefault(("target", delivery.target_id), delivery.target)
    campaign = letter.action.campaign
    return {"letter": letter, "target": delivery.target, "subject": letter.subject,
            "campaign_title": campaign.text("title", letter.lang),
            "from_name": str(_l("%(name)s via %(campaign)s", name=letter.name,
                                campaign=campaign.text("title", letter.lang))),
            "reply_to": (letter.name, letter.email)}


KINDS = (
    kinds.MailKind(CONFIRMATION, subject=_l("Please confirm your letter: %(title)s"),
                   load=load_confirmation, transactional=True),
    # The supporter's own subject; their letter, so no unsubscribe footer of ours.
    kinds.MailKind(TO_TARGET, subject="%(subject)s", load=load_to_target, transactional=True,
                   preload=preload_to_target),
)
