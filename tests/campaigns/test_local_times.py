"""Every local time a supporter's page shows carries its moment and zone, so the page's script
can add "(14:00 your time)" (issue 19); without the script the zone's name says it."""
import datetime as dt

from campaign import clock
from tests.events.helpers import create_event
from tests.factories import create_campaign, create_key_date


def test_event_and_key_date_times_carry_their_moment_and_zone(client, app):
    clock.set_now(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    campaign = create_campaign()
    create_key_date(campaign, time=dt.time(15, 0))
    create_event(campaign, starts_at=dt.datetime(2026, 12, 8, 11, tzinfo=dt.UTC),
                 ends_at=dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC))
    page = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert ('<time datetime="2026-12-13T15:00:00+01:00" data-zone="Europe/Brussels">15:00 CET'
            '</time>') in page
    assert ('datetime="2026-12-08T11:00:00+00:00" data-zone="Europe/Brussels" '
            'data-end="2026-12-08T12:00:00+00:00">') in page
    event = client.get("/en/events/brussels-protest").get_data(as_text=True)
    assert event.count('data-zone="Europe/Brussels" data-end="2026-12-08T12:00:00+00:00"') == 2
    assert '<script src="/static/js/enhance.js" defer data-your-time="(%s your time)"' in event
    ru = client.get("/ru/events/brussels-protest").get_data(as_text=True)
    assert 'data-your-time="(%s по вашему времени)"' in ru
