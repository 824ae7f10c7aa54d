"""Mail about organiser accounts: team invitations and password-reset links.

Organisers (below mailing) sends :mod:`campaign.organisers.signals`; the receivers here write
the outbox rows in the same transaction. The link's token travels in the row's payload (the
table keeps only its hash); the loader cancels the row if the invitation or reset has ended
before the worker sends it. A reset row has no campaign: no mail log shows it.
"""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from campaign import clock
from campaign.campaigns.models import Campaign
from campaign.extensions import db
from campaign.mailing import kinds, outbox, scheduling
from campaign.mailing.models import OutboxMessage
from campaign.organisers import operations, signals
from campaign.organisers.models import Invitation, Organiser, PasswordReset
from campaign.organisers.roles import ROLE_LABELS

INVITATION = "team_invitation"
PASSWORD_RESET = "password_reset"


def init_app(app):
    kinds.register(app, *KINDS)
    signals.invited.connect(enqueue_invitation)
    signals.password_reset_requested.connect(enqueue_reset)
    scheduling.register(app, "expired password resets", purge_resets, every=timedelta(hours=1))


def enqueue_invitation(invitation: Invitation, token: str, lang: str) -> None:
    outbox.enqueue(INVITATION, to=invitation.email, lang=lang, key=f"invitation:{invitation.id}",
                   payload={"invitation_id": invitation.id, "token": token},
                   campaign_id=invitation.campaign_id)


def enqueue_reset(reset: PasswordReset, email: str, token: str, lang: str) -> None:
    outbox.enqueue(PASSWORD_RESET, to=email, lang=lang, key=f"password-reset:{reset.id}",
                   payload={"reset_id": reset.id, "token": token})


def load_invitation(payload: dict) -> dict | None:
    invitation = db.session.get(Invitation, payload.get("invitation_id"))
    if invitation is None or not invitation.is_open(clock.now()):
        return None
    campaign = db.session.get(Campaign, invitation.campaign_id)
    inviter = db.session.get(Organiser, invitation.invited_by_id) if invitation.invited_by_id \
        else None
    return {"token": payload.get("token"), "title": campaign.text("title"),
            "role": ROLE_LABELS[invitation.role], "inviter": inviter.name if inviter else "",
            "days": max(1, (invitation.expires_at - invitation.created_at).days)}


def load_reset(payload: dict) -> dict | None:
    """The link, if the address asked about belongs to an active account: decided here, by
    the worker, so the request did the same work for every address."""
    reset = db.session.get(PasswordReset, payload.get("reset_id"))
    if reset is None or reset.used_at is not None or reset.expires_at <= clock.now():
        return None
    if operations.account_of_reset(reset) is None:
        return None
    return {"token": payload.get("token")}


def purge_resets(now) -> int:
    """Expired reset requests, and their mail (sent or cancelled: the link no longer works,
    and a row for an address without an account holds nothing worth keeping)."""
    deleted = operations.purge_resets(now)
    db.session.execute(db.delete(OutboxMessage).where(
        OutboxMessage.kind == PASSWORD_RESET,
        OutboxMessage.created_at <= now - operations.RESET_VALIDITY,
        OutboxMessage.status != "sending"))
    return deleted


KINDS = (
    kinds.MailKind(INVITATION, subject=_l("You are invited to the team of %(title)s"),
                   load=load_invitation, campaign_sender=False),
    kinds.MailKind(PASSWORD_RESET, subject=_l("Set a new password"), load=load_reset,
                   campaign_sender=False),
)
