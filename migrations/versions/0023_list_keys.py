"""list keys: RSVPs keep a sort key of their name and a per-event tally, so the organiser's
attendee list pages through an index and counts without reading every RSVP; signatures get
an index in list order (created_at, id)

Revision ID: 0023_list_keys
Revises: 0022_bounces
Create Date: 2026-12-06 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_list_keys'
down_revision = '0022_bounces'
branch_labels = None
depends_on = None

SORT_KEY = sa.String(length=255).with_variant(sa.String(length=255, collation='C'),
                                              'postgresql')

#: The tally follows every change to an RSVP's seats: the old row's figures go, the new
#: row's come. Only the writes that already lock the event (rsvps.py) change status or
#: guests, so the tally rows add no lock of their own; check-ins (checked_in_at), which lock
#: only their RSVPs, leave it alone. A deleted event's tally rows go with it (ON DELETE
#: CASCADE), so the RSVPs deleted with it only UPDATE (never INSERT) the tally.
_SQLITE_ADD = """
    INSERT INTO rsvp_tally (event_id, status, people, seats)
    VALUES (NEW.event_id, NEW.status, 1, 1 + NEW.guests)
    ON CONFLICT (event_id, status) DO UPDATE SET people = people + 1,
        seats = seats + excluded.seats;"""
_SQLITE_REMOVE = """
    UPDATE rsvp_tally SET people = people - 1, seats = seats - 1 - OLD.guests
    WHERE event_id = OLD.event_id AND status = OLD.status;"""
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER rsvp_tally_insert AFTER INSERT ON rsvp BEGIN {_SQLITE_ADD} END",
    f"CREATE TRIGGER rsvp_tally_delete AFTER DELETE ON rsvp BEGIN {_SQLITE_REMOVE} END",
    "CREATE TRIGGER rsvp_tally_update AFTER UPDATE OF event_id, status, guests ON rsvp"
    f" BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD} END",
)
POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION rsvp_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE rsvp_tally SET people = people - 1, seats = seats - 1 - OLD.guests
            WHERE event_id = OLD.event_id AND status = OLD.status;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO rsvp_tally AS t (event_id, status, people, seats)
            VALUES (NEW.event_id, NEW.status, 1, 1 + NEW.guests)
            ON CONFLICT (event_id, status) DO UPDATE SET people = t.people + 1,
                seats = t.seats + EXCLUDED.seats;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER rsvp_tally_change AFTER INSERT OR DELETE"
    " OR UPDATE OF event_id, status, guests ON rsvp"
    " FOR EACH ROW EXECUTE FUNCTION rsvp_tally_change()",
)


def upgrade():
    op.create_table(
        'rsvp_tally',
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('confirmed', 'waitlisted', 'cancelled', name='rsvpstatus',
                                    native_enum=False, length=20, create_constraint=False),
                  nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.Column('seats', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                                name=op.f('fk_rsvp_tally_event_id_event'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('event_id', 'status', name=op.f('pk_rsvp_tally')))
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sort_key', SORT_KEY, nullable=True))
    _fill_sort_keys()
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.alter_column('sort_key', existing_type=SORT_KEY, nullable=False)
        batch_op.create_index('ix_rsvp_event_status_sort_key',
                              ['event_id', 'status', 'sort_key', 'id'], unique=False)
        batch_op.create_index('ix_rsvp_event_checked_in', ['event_id', 'checked_in_at'],
                              unique=False)
    # After the batch operations: on SQLite they rebuild the table, which drops its triggers.
    op.execute("INSERT INTO rsvp_tally (event_id, status, people, seats)"
               " SELECT event_id, status, count(*), sum(1 + guests) FROM rsvp"
               " GROUP BY event_id, status")
    for statement in _triggers():
        op.execute(statement)
    with op.batch_alter_table('signature', schema=None) as batch_op:
        batch_op.drop_index('ix_signature_petition_created')
        batch_op.create_index('ix_signature_petition_created',
                              ['petition_id', 'created_at', 'id'], unique=False)


def _triggers():
    return POSTGRESQL_TRIGGERS if op.get_bind().dialect.name == 'postgresql' \
        else SQLITE_TRIGGERS


def _fill_sort_keys(batch=5000):
    """Every existing RSVP's key, computed as the app computes it (a Python function: the
    engines' own lower() differ, and SQLite's folds ASCII only)."""
    from campaign.core.names import sort_key

    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT id, name FROM rsvp WHERE id > :last ORDER BY id"
                                    " LIMIT :n"), {"last": last, "n": batch}).all()
        if not rows:
            return
        bind.execute(sa.text("UPDATE rsvp SET sort_key = :key WHERE id = :id"),
                     [{"key": sort_key(name), "id": row_id} for row_id, name in rows])
        last = rows[-1][0]


def downgrade():
    with op.batch_alter_table('signature', schema=None) as batch_op:
        batch_op.drop_index('ix_signature_petition_created')
        batch_op.create_index('ix_signature_petition_created', ['petition_id', 'created_at'],
                              unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS rsvp_tally_change ON rsvp")
        op.execute("DROP FUNCTION IF EXISTS rsvp_tally_change()")
    else:
        for name in ('insert', 'delete', 'update'):
            op.execute(f"DROP TRIGGER IF EXISTS rsvp_tally_{name}")
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.drop_index('ix_rsvp_event_checked_in')
        batch_op.drop_index('ix_rsvp_event_status_sort_key')
        batch_op.drop_column('sort_key')
    op.drop_table('rsvp_tally')
