"""organiser messages and campaign updates

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-06 02:55:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

AUDIENCES = ('event_attendees', 'event_waitlist', 'event_checked_in', 'petition_signers',
             'petition_all_signers', 'campaign_supporters')
STATES = ('draft', 'scheduled', 'sending', 'sent', 'cancelled')


def upgrade():
    op.create_table('organiser_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.Enum(*AUDIENCES, name='audience', native_enum=False, length=20), nullable=True),
    sa.Column('scope_id', sa.Integer(), nullable=True),
    sa.Column('form_token', sa.String(length=32), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum(*STATES, name='messagestate', native_enum=False, length=20), nullable=False),
    sa.Column('publish_as_update', sa.Boolean(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('send_at', sa.DateTime(), nullable=True),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_by_name', sa.String(length=120), nullable=True),
    sa.Column('requested_at', sa.DateTime(), nullable=True),
    sa.Column('recipient_count', sa.Integer(), nullable=False),
    sa.Column('enqueued_count', sa.Integer(), nullable=False),
    sa.Column('fanout_after', sa.String(length=254), nullable=True),
    sa.Column('fanout_done_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_name', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_organiser_message_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['organiser.id'], name=op.f('fk_organiser_message_sent_by_id_organiser'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser_message')),
    sa.UniqueConstraint('form_token', name=op.f('uq_organiser_message_form_token'))
    )
    with op.batch_alter_table('organiser_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organiser_message_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index('ix_organiser_message_due', ['state', 'send_at'], unique=False)

    op.create_table('organiser_message_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['organiser_message.id'], name=op.f('fk_organiser_message_translation_message_id_organiser_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser_message_translation')),
    sa.UniqueConstraint('message_id', 'lang', name=op.f('uq_organiser_message_translation_message_id_lang'))
    )


def downgrade():
    op.drop_table('organiser_message_translation')
    with op.batch_alter_table('organiser_message', schema=None) as batch_op:
        batch_op.drop_index('ix_organiser_message_due')
        batch_op.drop_index(batch_op.f('ix_organiser_message_campaign_id'))

    op.drop_table('organiser_message')
