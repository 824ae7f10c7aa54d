"""organiser teams: invitations, password reset, two-factor sign-in, audit log

Revision ID: 0013_teams_audit
Revises: 0010_letters
Create Date: 2026-12-06 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_teams_audit'
down_revision = '0010_letters'
branch_labels = None
depends_on = None

ROLES = ('owner', 'organiser', 'door', 'viewer')


def _fk(table, column, target, ondelete):
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'), ondelete=ondelete)


def _index(table, *columns):
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade():
    with op.batch_alter_table('organiser', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.Enum(*ROLES, name='role', native_enum=False, length=20), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    _fk('invitation', 'campaign_id', 'campaign', 'CASCADE'),
    _fk('invitation', 'invited_by_id', 'organiser', 'SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitation_token_hash'))
    )
    _index('invitation', 'campaign_id')
    op.create_table('password_reset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    _fk('password_reset', 'organiser_id', 'organiser', 'CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_reset_token_hash'))
    )
    _index('password_reset', 'organiser_id')
    op.create_table('recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    _fk('recovery_code', 'organiser_id', 'organiser', 'CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code'))
    )
    _index('recovery_code', 'organiser_id')
    op.create_table('team_policy',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('require_two_factor', sa.Boolean(), nullable=False),
    _fk('team_policy', 'campaign_id', 'campaign', 'CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_team_policy'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('organiser_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    _fk('audit_event', 'campaign_id', 'campaign', 'CASCADE'),
    _fk('audit_event', 'organiser_id', 'organiser', 'SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    _index('audit_event', 'at', 'campaign_id', 'organiser_id')


def downgrade():
    for table in ('audit_event', 'team_policy', 'recovery_code', 'password_reset', 'invitation'):
        op.drop_table(table)
    with op.batch_alter_table('organiser', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_secret')
