"""campaign sender: the From name and Reply-To address of a campaign's supporter mail

Revision ID: 0021_campaign_sender
Revises: 0020_checkin_tokens
Create Date: 2026-12-06 11:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_campaign_sender'
down_revision = '0020_checkin_tokens'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sender_name', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('reply_to', sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('reply_to')
        batch_op.drop_column('sender_name')
