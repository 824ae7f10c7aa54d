"""Writes for campaign teams: who belongs to a campaign, in which role."""
from campaign.extensions import db
from campaign.organisers import audit, door_events, signals
from campaign.organisers.models import Membership, Organiser
from campaign.organisers.roles import Role


class LastOwner(ValueError):
    """A campaign must keep at least one owner."""


def membership(organiser_id: int, campaign_id: int) -> Membership | None:
    return db.session.scalar(db.select(Membership).where(
        Membership.organiser_id == organiser_id, Membership.campaign_id == campaign_id))


def members(campaign_id: int) -> list[tuple[Membership, Organiser]]:
    """The campaign's team, owners first, then by name."""
    order = [Role.OWNER, Role.ORGANISER, Role.DOOR, Role.VIEWER]
    rows = db.session.execute(
        db.select(Membership, Organiser).join(Organiser, Organiser.id == Membership.organiser_id)
        .where(Membership.campaign_id == campaign_id)).all()
    return sorted(((m, o) for m, o in rows), key=lambda r: (order.index(r[0].role), r[1].name))


def set_role(organiser: Organiser, campaign_id: int, role: Role | str,
             via: str | None = None) -> Membership:
    """Make *organiser* a member of the campaign in *role* (or change their role). With *via*
    (an operator's command), a new member is audited here too."""
    role = Role(role)
    found = membership(organiser.id, campaign_id)
    extra = {"via": via} if via else {}
    if found is None:
        found = Membership(organiser_id=organiser.id, campaign_id=campaign_id, role=role)
        db.session.add(found)
        if via:
            audit.record("member_added", campaign_id, member=organiser.email, role=str(role),
                         **extra)
    elif found.role != role:
        if found.role == Role.OWNER:
            _keep_an_owner(campaign_id)
        audit.record("role_changed", campaign_id, member=organiser.email,
                     role=str(role), previous=str(found.role), **extra)
        if found.role == Role.DOOR:
            door_events.clear(found)  # back at the door one day, they start with no event
        if found.role == Role.OWNER:
            signals.ownership_ended.send(organiser, campaign_id=campaign_id)
        found.role = role
    db.session.flush()
    return found


def owns_every_team_of(owner_id: int, member_id: int) -> bool:
    """Whether *owner_id* owns every campaign *member_id* belongs to: an owner may weaken an
    account's sign-in (turn off its second step) only if no other team relies on it."""
    return member_id in owning_every_team_of(owner_id, [member_id])


def owning_every_team_of(owner_id: int, member_ids) -> set[int]:
    """Those of *member_ids* whose every campaign *owner_id* owns (two queries for all)."""
    owned = set(db.session.scalars(db.select(Membership.campaign_id).where(
        Membership.organiser_id == owner_id, Membership.role == Role.OWNER)))
    campaigns: dict[int, set[int]] = {member_id: set() for member_id in member_ids}
    for member_id, campaign_id in db.session.execute(
            db.select(Membership.organiser_id, Membership.campaign_id)
            .where(Membership.organiser_id.in_(list(campaigns)))):
        campaigns[member_id].add(campaign_id)
    return {member_id for member_id, theirs in campaigns.items() if theirs <= owned}


def remove_member(found: Membership) -> None:
    """Take someone off the team; their sessions end at once (a role elsewhere too)."""
    if found.role == Role.OWNER:
        _keep_an_owner(found.campaign_id)
    organiser = db.session.get(Organiser, found.organiser_id)
    if found.role == Role.OWNER:
        signals.ownership_ended.send(organiser, campaign_id=found.campaign_id)
    db.session.delete(found)
    audit.record("member_removed", found.campaign_id, member=organiser.email,
                 role=str(found.role))
    # A cookie that already passed the check must not outlive the removal, on any server.
    organiser.end_sessions()
    db.session.flush()


def _keep_an_owner(campaign_id: int) -> None:
    owners = db.session.scalar(db.select(db.func.count(Membership.id)).where(
        Membership.campaign_id == campaign_id, Membership.role == Role.OWNER))
    if owners <= 1:
        raise LastOwner(campaign_id)
