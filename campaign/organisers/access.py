"""Who may open which organiser page: one check, run before every organiser view.

Every view of an organiser blueprint (``core.admin.organiser_blueprint``) declares what it
needs, with :func:`requires` (a power in the campaign the URL points at) or :func:`account`
(any signed-in organiser; the view itself shows only that account's campaigns). A view that
declares nothing is refused to everyone. The campaign comes from the URL's arguments: each
domain registers, from its ``init_app``, how to find the campaign of an id it owns
(``event_id`` → the event's campaign), since this layer cannot import theirs.

A non-member gets 404 (nothing tells them the campaign or the list exists); a member whose
role lacks the power gets 403. A door member gets 404 for an event the owner did not choose
for them (``door_events``), as if it did not exist.

Templates ask :func:`can` (``can("export", campaign)``) before showing a link or a button, so a
page offers only what the member's role opens.
"""
from dataclasses import dataclass
from typing import Callable

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.core import plugins
from campaign.extensions import db
from campaign.organisers import door_events, twofactor
from campaign.organisers.models import Membership
from campaign.organisers.roles import Role, has_power

#: The power of pages for any signed-in organiser (the dashboard, the mail log's list).
ACCOUNT = "account"


@dataclass(frozen=True)
class Rule:
    power: str
    #: Another power for POST (a page anyone on the team reads, that only some may change).
    post: str | None = None

    def power_for(self, method: str) -> str:
        return self.post if method == "POST" and self.post else self.power


def requires(power: str, *, post: str | None = None) -> Callable:
    """Declare the power a view needs in the campaign its URL points at."""
    has_power(Role.OWNER, power)  # an unknown power fails at import, not at request time
    if post:
        has_power(Role.OWNER, post)

    def declare(view):
        view.organiser_access = Rule(power, post)
        return view
    return declare


def account(view):
    """Declare a page any signed-in organiser may open (it filters by membership itself)."""
    view.organiser_access = Rule(ACCOUNT)
    return view


def register_resolver(app, argument: str, resolve: Callable, blueprint: str | None = None):
    """*resolve(value)* gives the campaign id of URL argument *argument*, or None if unknown.

    With *blueprint*, only for that blueprint's URLs (``message_id`` means a mail-log row in
    one blueprint and an organiser message in another).
    """
    key = f"{blueprint}:{argument}" if blueprint else argument
    plugins.register(app, "campaign_resolvers", key, resolve)


def by_query(statement, id_column) -> Callable:
    """A resolver running *statement* (selecting a campaign id) for one row's id."""
    return lambda value: db.session.scalar(statement.where(id_column == value))


def init_app(app):
    """Resolve ``campaign_id`` itself; the guard is what organiser blueprints run."""
    register_resolver(app, "campaign_id", lambda value: value)
    plugins.register(app, "organiser_guard", "access", guard)
    app.add_template_global(may)
    app.add_template_global(can)


def guard():
    """Refuse the request unless the signed-in organiser may open this page.

    :raise 404: for a campaign the organiser is not a member of (or that does not exist).
    :raise 403: for a page nobody declared, or a role without the power.
    :return: a redirect to enrolment when the campaign requires two-factor sign-in and the
        member has not turned it on; None to let the view run.
    """
    view = current_app.view_functions.get(request.endpoint)
    rule = getattr(view, "organiser_access", None)
    if rule is None:
        abort(403)
    power = rule.power_for(request.method)
    if power == ACCOUNT:
        return
    campaign_id = campaign_of_request()
    role = role_in(campaign_id) if campaign_id is not None else None
    if role is None:
        abort(404)
    request.organiser_campaign_id = campaign_id
    event_id = (request.view_args or {}).get("event_id")
    if event_id is not None and not may_open_event(campaign_id, event_id):
        abort(404)  # whatever the page: to this door member, the event is not there
    if not has_power(role, power):
        abort(403)
    if not current_user.has_two_factor and twofactor.required(campaign_id):
        flash(_("This campaign's team signs in with a second step. Set it up to go on."), "info")
        return redirect(url_for("account.two_factor"))
    return None


def campaign_of_request() -> int | None:
    """The one campaign every id in the URL belongs to, or None (unknown ids, or a mix)."""
    resolvers = plugins.registered("campaign_resolvers")
    found = set()
    for argument, value in (request.view_args or {}).items():
        resolve = (resolvers.get(f"{request.blueprint}:{argument}")
                   or resolvers.get(argument))
        if resolve is None:
            raise LookupError(f"no campaign resolver for <{argument}> in {request.endpoint}")
        found.add(resolve(value))
    if not found:
        raise LookupError(f"{request.endpoint} needs a power but names no campaign")
    return found.pop() if len(found) == 1 else None


def roles() -> dict[int, Role]:
    """The signed-in organiser's role per campaign id (read once per request: kept on the
    request, not on ``g``, which an app context shared by several requests would keep)."""
    found = getattr(request, "organiser_roles", None)
    if found is None:
        found = {} if not current_user.is_authenticated else dict(
            db.session.execute(db.select(Membership.campaign_id, Membership.role)
                               .where(Membership.organiser_id == current_user.id)).all())
        request.organiser_roles = found
    return found


def role_in(campaign_id: int) -> Role | None:
    return roles().get(campaign_id)


def may(power: str, campaign_id: int | None = None) -> bool:
    """Whether the signed-in organiser holds *power* in the campaign (default: this page's)."""
    if campaign_id is None:
        campaign_id = getattr(request, "organiser_campaign_id", None)
    return has_power(role_in(campaign_id), power)


def campaign_ids_with(power: str) -> list[int]:
    """The campaigns in which the signed-in organiser holds *power*."""
    return sorted(cid for cid, role in roles().items() if has_power(role, power))


def door_event_ids(campaign_id: int) -> set[int] | None:
    """For a door member, the events the owner chose for them; None for every other role
    (they are not limited to some events)."""
    if role_in(campaign_id) != Role.DOOR:
        return None
    cache = getattr(request, "organiser_door_events", None)
    if cache is None:
        cache = request.organiser_door_events = {}
    if campaign_id not in cache:
        cache[campaign_id] = door_events.of_organiser(current_user.id, campaign_id)
    return cache[campaign_id]


def may_open_event(campaign_id: int, event_id: int) -> bool:
    chosen = door_event_ids(campaign_id)
    return chosen is None or event_id in chosen


def can(power: str, campaign=None, event=None) -> bool:
    """Whether the signed-in organiser may use a page needing *power* in *campaign* (a
    campaign or its id; default: this page's), and, given an *event* (or its id), that event
    (a door member: only the events chosen for them). For templates: show a link or a button
    only when it would open."""
    campaign_id = getattr(campaign, "id", campaign)
    if campaign_id is None and event is not None:
        campaign_id = getattr(event, "campaign_id", None)
    if campaign_id is None:
        campaign_id = getattr(request, "organiser_campaign_id", None)
    if not has_power(role_in(campaign_id), power):
        return False
    return event is None or may_open_event(campaign_id, getattr(event, "id", event))
