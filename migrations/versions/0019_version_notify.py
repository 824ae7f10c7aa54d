"""PostgreSQL tells every app server when a campaign's version changes (LISTEN/NOTIFY)

A trigger on ``campaign`` sends the row's slug on the ``campaign_version`` channel after every
insert, update or delete; the notification leaves with the commit. App servers keep the
versions they have read in memory and forget one when its slug is announced
(campaign/calendar/revalidation.py). SQLite has no such thing: nothing is created there.

Revision ID: 0019_version_notify
Revises: 0013_teams_audit
Create Date: 2026-12-06 11:15:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019_version_notify'
down_revision = '0013_teams_audit'
branch_labels = None
depends_on = None

CHANNEL = 'campaign_version'


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"""
        CREATE FUNCTION campaign_version_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM pg_notify('{CHANNEL}', OLD.slug);
            END IF;
            IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.slug IS DISTINCT FROM OLD.slug) THEN
                PERFORM pg_notify('{CHANNEL}', NEW.slug);
            END IF;
            RETURN NULL;
        END $$""")
    op.execute("""
        CREATE TRIGGER campaign_version_notify AFTER INSERT OR UPDATE OR DELETE ON campaign
        FOR EACH ROW EXECUTE FUNCTION campaign_version_notify()""")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER campaign_version_notify ON campaign")
    op.execute("DROP FUNCTION campaign_version_notify()")
