"""Writes for invitations: an owner invites an address in a role; the invitee accepts once.

The link carries a random token; the table holds its hash. An invitation ends when accepted,
revoked, or after ``INVITATION_DAYS``. Mail goes through :data:`signals.invited` (mailing
enqueues it in the same transaction).
"""
from datetime import timedelta

from flask import current_app

from campaign import clock
from campaign.extensions import db
from campaign.organisers import audit, door_events, operations, signals, teams, tokens
from campaign.organisers.models import Invitation, Organiser
from campaign.organisers.roles import Role

DEFAULTS = {
    #: Days an invitation link works.
    "INVITATION_DAYS": 7,
}


class AlreadyMember(ValueError):
    """The address already belongs to a member of this campaign."""


def pending(campaign_id: int) -> list[Invitation]:
    """Invitations of the campaign still waiting for an answer, newest first."""
    now = clock.now()
    rows = db.session.scalars(db.select(Invitation).where(
        Invitation.campaign_id == campaign_id, Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None)).order_by(Invitation.created_at.desc()))
    return [row for row in rows if row.expires_at > now]


def invite(campaign_id: int, email: str, role: Role | str, invited_by: Organiser,
           lang: str, event_ids=()) -> Invitation:
    """Invite *email* to the campaign's team in *role* and queue the mail (a door invitation
    carries the events the volunteer will check people in at)."""
    email = operations.normalise_email(email)
    existing = operations.find_organiser(email)
    if existing is not None and teams.membership(existing.id, campaign_id) is not None:
        raise AlreadyMember(email)
    token, token_hash = tokens.new_token()
    now = clock.now()
    invitation = Invitation(
        campaign_id=campaign_id, email=email, role=Role(role), token_hash=token_hash,
        invited_by_id=invited_by.id, created_at=now,
        expires_at=now + timedelta(days=current_app.config["INVITATION_DAYS"]),
        door_event_ids=sorted({int(e) for e in event_ids}) if Role(role) == Role.DOOR else None)
    db.session.add(invitation)
    db.session.flush()
    audit.record("invitation_sent", campaign_id, email=email, role=str(Role(role)))
    signals.invited.send(invitation, token=token, lang=lang)
    return invitation


def revoke(invitation: Invitation) -> None:
    invitation.revoked_at = clock.now()
    audit.record("invitation_revoked", invitation.campaign_id, email=invitation.email)
    db.session.flush()


def from_token(token: str) -> Invitation | None:
    """The open invitation of this link, or None (unknown, used, revoked or expired)."""
    if not token or len(token) > 100:
        return None
    invitation = db.session.scalar(db.select(Invitation).where(
        Invitation.token_hash == tokens.digest(token)))
    if invitation is None or not invitation.is_open(clock.now()):
        return None
    return invitation


def accept(invitation: Invitation, organiser: Organiser) -> None:
    """Make *organiser* a member in the invited role; the link stops working."""
    invitation.accepted_at = clock.now()
    if teams.membership(organiser.id, invitation.campaign_id) is None:
        membership = teams.set_role(organiser, invitation.campaign_id, invitation.role)
        audit.record("member_added", invitation.campaign_id, organiser.id,
                     member=organiser.email, role=str(invitation.role))
        if invitation.role == Role.DOOR and invitation.door_event_ids:
            door_events.set_events(membership, invitation.door_event_ids, record=False)
    db.session.flush()


def accept_as_new(invitation: Invitation, name: str, password: str) -> Organiser:
    """Create the invitee's account (the address is the invited one) and accept."""
    organiser = operations.create_organiser(invitation.email, name, password)
    accept(invitation, organiser)
    return organiser
