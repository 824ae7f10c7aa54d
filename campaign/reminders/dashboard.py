"""What reminders add to the organisers' dashboard: the next reminder due, and its subject."""
import datetime as dt

import sqlalchemy as sa
from flask_babel import gettext as _

from campaign import clock
from campaign.campaigns.figures import Figure
from campaign.campaigns.models import KeyDate
from campaign.core import i18n
from campaign.events import queries as event_queries
from campaign.extensions import db
from campaign.reminders.event_reminders import reminder_time
from campaign.reminders.models import KeyDateReminder


def next_due(campaign) -> tuple[dt.datetime, str] | None:
    """(when, what) of the campaign's next reminder, key date or event, after now."""
    now, today, found = clock.now(), campaign.today(), []
    for reminder in db.session.scalars(sa.select(KeyDateReminder).join(KeyDate)
                                       .where(KeyDate.campaign_id == campaign.id)):
        key_date = reminder.key_date
        day = key_date.occurrence(today) or key_date.date
        found.append((reminder.due_at(day), key_date.text("title")))
    for event in event_queries.upcoming_events(campaign):
        if not event.is_cancelled:
            found += [(reminder_time(event, offset), event.text("title"))
                      for offset in event.reminder_deltas]
    upcoming = sorted((when, what) for when, what in found if when > now)
    return upcoming[0] if upcoming else None


def figures(campaign) -> list[Figure]:
    coming = next_due(campaign)
    if coming is None:
        return [Figure(_("Next reminder"), _("none planned"))]
    when, what = coming
    return [Figure(_("Next reminder"), i18n.format_moment(when, campaign.timezone), note=what)]
