"""API tokens per campaign

Revision ID: 0014_api_tokens
Revises: 0017_privacy_contact
Create Date: 2026-12-06 11:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_api_tokens'
down_revision = '0017_privacy_contact'
branch_labels = None
depends_on = None

ROLES = ('owner', 'organiser', 'door', 'viewer')


def upgrade():
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum(*ROLES, name='role', native_enum=False, length=20), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'],
                            name=op.f('fk_api_token_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['organiser.id'],
                            name=op.f('fk_api_token_created_by_id_organiser'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_campaign_id'), ['campaign_id'], unique=False)


def downgrade():
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_campaign_id'))
    op.drop_table('api_token')
