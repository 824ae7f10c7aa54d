"""privacy notice: who holds supporters' data and where to write about it, per campaign;
when a letter's personal data was erased, and its opaque link key; "your data" requests
counted per address

Revision ID: 0017_privacy_contact
Revises: 0021_campaign_sender
Create Date: 2026-12-06 11:30:00.000000

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_privacy_contact'
down_revision = '0021_campaign_sender'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_holder', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('privacy_email', sa.String(length=254), nullable=True))
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('link_key', sa.String(length=24), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_letter_link_key'), ['link_key'])
    # Every letter gets its random link key: links already mailed carried the sequential id
    # and stop working; writing again mails a new one.
    bind = op.get_bind()
    for letter_id in list(bind.execute(sa.text("SELECT id FROM letter")).scalars()):
        bind.execute(sa.text("UPDATE letter SET link_key = :key WHERE id = :id"),
                     {"key": secrets.token_urlsafe(18), "id": letter_id})

    with op.batch_alter_table('data_access', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mailed', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))
        batch_op.create_index(batch_op.f('ix_data_access_email'), ['email'], unique=False)


def downgrade():
    with op.batch_alter_table('data_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_access_email'))
        batch_op.drop_column('mailed')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_letter_link_key'), type_='unique')
        batch_op.drop_column('link_key')
        batch_op.drop_column('erased_at')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('privacy_email')
        batch_op.drop_column('privacy_holder')
