"""door volunteers' events; password resets recorded for any address

Revision ID: 0018_door_events
Revises: 0014_api_tokens
Create Date: 2026-12-06 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_door_events'
down_revision = '0014_api_tokens'
branch_labels = None
depends_on = None


def upgrade():
    door_event = op.create_table('door_event',
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_door_event_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['membership_id'], ['membership.id'], name=op.f('fk_door_event_membership_id_membership'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('membership_id', 'event_id', name=op.f('pk_door_event'))
    )
    with op.batch_alter_table('door_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_door_event_event_id'), ['event_id'], unique=False)
    # Door members had every event of their campaign: they keep what they had; owners narrow
    # it down. From now on a new door member starts with none.
    membership, event = sa.table('membership', sa.column('id'), sa.column('campaign_id'),
                                 sa.column('role')), \
        sa.table('event', sa.column('id'), sa.column('campaign_id'))
    op.execute(door_event.insert().from_select(
        ['membership_id', 'event_id'],
        sa.select(membership.c.id, event.c.id)
        .join(event, event.c.campaign_id == membership.c.campaign_id)
        .where(membership.c.role == 'door')))
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('door_event_ids', sa.JSON(), nullable=True))
    # A reset link lives an hour: pending ones are dropped rather than converted (whoever
    # asked asks again). The table now names the address asked about, account or not.
    op.execute('DELETE FROM password_reset')
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_organiser_id'))
        batch_op.drop_constraint(batch_op.f('fk_password_reset_organiser_id_organiser'),
                                 type_='foreignkey')
        batch_op.drop_column('organiser_id')
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=False))


def downgrade():
    op.execute('DELETE FROM password_reset')
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.drop_column('email')
        batch_op.add_column(sa.Column('organiser_id', sa.Integer(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_password_reset_organiser_id_organiser'),
                                    'organiser', ['organiser_id'], ['id'], ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_password_reset_organiser_id'), ['organiser_id'],
                              unique=False)
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_column('door_event_ids')
    with op.batch_alter_table('door_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_door_event_event_id'))
    op.drop_table('door_event')
