"""organiser teams: a role per campaign, sessions that end

Revision ID: 0009_teams
Revises: 0008_privacy
Create Date: 2026-12-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_teams'
down_revision = '0008_privacy'
branch_labels = None
depends_on = None

ROLES = ('owner', 'organiser', 'door', 'viewer')


def upgrade():
    with op.batch_alter_table('organiser', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1',
                                      nullable=False))
    membership = op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum(*ROLES, name='role', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_membership_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organiser_id'], ['organiser.id'], name=op.f('fk_membership_organiser_id_organiser'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership')),
    sa.UniqueConstraint('organiser_id', 'campaign_id', name=op.f('uq_membership_organiser_id_campaign_id'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_organiser_id'), ['organiser_id'], unique=False)
    # Before teams every account saw every campaign: each keeps that as an owner, so nothing
    # an existing installation relies on breaks. Owners then narrow the teams down.
    op.execute(
        "INSERT INTO membership (organiser_id, campaign_id, role, created_at) "
        "SELECT organiser.id, campaign.id, 'owner', CURRENT_TIMESTAMP "
        "FROM organiser CROSS JOIN campaign")


def downgrade():
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_organiser_id'))
        batch_op.drop_index(batch_op.f('ix_membership_campaign_id'))
    op.drop_table('membership')
    with op.batch_alter_table('organiser', schema=None) as batch_op:
        batch_op.drop_column('session_version')
