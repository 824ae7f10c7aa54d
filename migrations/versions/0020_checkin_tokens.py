"""check-in codes: a random code per RSVP for the QR code scanned at the door

Revision ID: 0020_checkin_tokens
Revises: 0015_webhooks
Create Date: 2026-12-06 11:30:00.000000

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_checkin_tokens'
down_revision = '0015_webhooks'
branch_labels = None
depends_on = None

#: campaign/events/tickets.py (copied: a migration must not change when the app does).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _code():
    return "".join(secrets.choice(ALPHABET) for _ in range(16))


def upgrade():
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_code', sa.String(length=16), nullable=True))
    rsvp = sa.table('rsvp', sa.column('id', sa.Integer), sa.column('checkin_code', sa.String))
    connection = op.get_bind()
    ids = connection.execute(sa.select(rsvp.c.id)).scalars().all()
    for start in range(0, len(ids), 1000):
        connection.execute(rsvp.update().where(rsvp.c.id == sa.bindparam('row_id'))
                           .values(checkin_code=sa.bindparam('code')),
                           [{'row_id': i, 'code': _code()} for i in ids[start:start + 1000]])
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.alter_column('checkin_code', existing_type=sa.String(length=16), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_rsvp_checkin_code'), ['checkin_code'])


def downgrade():
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_rsvp_checkin_code'), type_='unique')
        batch_op.drop_column('checkin_code')
