"""embeds: the origins allowed to frame a campaign's sign and RSVP forms

Revision ID: 0016_embed_origins
Revises: 0019_version_notify
Create Date: 2026-12-06 11:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_embed_origins'
down_revision = '0019_version_notify'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('embed_settings',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('allowed_origins', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'],
                            name=op.f('fk_embed_settings_campaign_id_campaign'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_embed_settings'))
    )


def downgrade():
    op.drop_table('embed_settings')
