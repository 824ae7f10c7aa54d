"""bounces: outbox rows remember a delivery status notification, found by Message-ID

Revision ID: 0022_bounces
Revises: 0018_door_events
Create Date: 2026-12-06 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_bounces'
down_revision = '0018_door_events'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bounced_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('bounce', sa.String(length=500), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_message_id'), ['message_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_message_id'))
        batch_op.drop_column('bounce')
        batch_op.drop_column('bounced_at')
