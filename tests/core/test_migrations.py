"""The schema comes from migrations: head equals the models, and downgrade to base works."""
import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from campaign import create_app
from campaign.extensions import db
from tests.conftest import BASE_CONFIG, fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_app(request, tmp_path_factory):
    url, drop = fresh_database(request.param, tmp_path_factory)
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    drop()


def test_upgrade_to_head_gives_exactly_the_models_schema(empty_app):
    flask_migrate.upgrade()
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert differences == []


def test_downgrade_to_base_removes_every_table(empty_app):
    flask_migrate.upgrade()
    assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
    flask_migrate.downgrade(revision="base")
    db.engine.dispose()
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_rsvps_made_before_check_in_codes_get_one_each(empty_app):
    """0020_checkin_tokens gives every existing RSVP its own random code."""
    import re

    from campaign.events.models import Rsvp
    from tests.events.helpers import create_event, rsvp
    from tests.factories import create_campaign

    flask_migrate.upgrade()
    event = create_event(create_campaign())
    for number in range(3):
        rsvp(event, f"person{number}@example.org", name=f"Person {number}")
    db.session.remove()
    flask_migrate.downgrade(revision="0013_teams_audit")
    flask_migrate.upgrade()
    db.session.remove()
    codes = db.session.scalars(db.select(Rsvp.checkin_code)).all()
    assert len(set(codes)) == 3
    assert all(re.fullmatch(r"[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}", code) for code in codes)


def test_door_members_keep_their_campaigns_events_through_0018(empty_app):
    """Before 0018 the door role had every event of its campaign: upgrading keeps that."""
    from campaign.organisers import operations
    from campaign.organisers.models import DoorEvent, Membership
    from campaign.organisers.roles import Role
    from tests.events.helpers import create_event
    from tests.factories import create_campaign

    flask_migrate.upgrade(revision="0014_api_tokens")  # the revision before 0018
    campaign = create_campaign(owners=[])
    events = [create_event(campaign, slug=slug).id for slug in ("vigil", "march")]
    create_event(create_campaign(slug="other", owners=[]), slug="elsewhere")
    door = operations.create_organiser("door@example.org", "Dima", "a long password")
    viewer = operations.create_organiser("viewer@example.org", "Vera", "a long password")
    db.session.add_all([Membership(organiser_id=door.id, campaign_id=campaign.id,
                                   role=Role.DOOR),
                        Membership(organiser_id=viewer.id, campaign_id=campaign.id,
                                   role=Role.VIEWER)])
    db.session.commit()
    membership = db.session.scalar(db.select(Membership.id).where(
        Membership.organiser_id == door.id))
    db.session.remove()
    flask_migrate.upgrade()
    rows = db.session.execute(db.select(DoorEvent.membership_id, DoorEvent.event_id)).all()
    assert sorted(rows) == [(membership, event_id) for event_id in events]


def test_rsvps_made_before_0023_get_their_sort_keys_and_tally(empty_app):
    """0023_list_keys computes every existing RSVP's sort key and each event's tally."""
    from campaign.core.names import sort_key
    from campaign.events import queries
    from campaign.events.models import Event, Rsvp
    from campaign.events.rsvps import cancel_rsvp
    from tests.events.helpers import create_event, rsvp
    from tests.factories import create_campaign

    flask_migrate.upgrade()
    event = create_event(create_campaign(), capacity=2)
    for number, name in enumerate(["Łucja", "Ёлка", "Adam"]):
        rsvp(event, f"person{number}@example.org", name=name)
    cancel_rsvp(db.session.scalars(db.select(Rsvp).where(Rsvp.name == "Adam")).one())
    db.session.commit()
    before = queries.totals(event)
    db.session.remove()
    flask_migrate.downgrade(revision="0022_bounces")
    flask_migrate.upgrade()
    db.session.remove()
    assert {name: key for name, key in db.session.execute(db.select(Rsvp.name, Rsvp.sort_key))
            } == {name: sort_key(name) for name in ("Łucja", "Ёлка", "Adam")}
    event = db.session.get(Event, event.id)
    assert queries.totals(event) == before
    assert (before.confirmed_people, before.waitlisted_people, before.cancelled_people) == (2, 0, 1)
    rsvp(event, "late@example.org", name="Late")  # the triggers work after the upgrade
    assert queries.totals(event).waitlisted_people == 1
