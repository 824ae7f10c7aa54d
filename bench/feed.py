"""The campaign feed's full render (1,000 events + key dates) against icalendar alone.

Ours: ``feeds.render`` as a request that misses the cache does it — load the campaign, its
key dates and the events in the window, build the components, serialise. The ceiling:
icalendar serialising the very same calendar (parsed back from our output), i.e. what any
code producing this file with icalendar pays at least. Measured twice: the first build in a
fresh process (nothing warm), and a rebuild after a write to the campaign (new revision).

Run in a process of its own (``python -m bench.feed DATABASE_URL``) so the first build is a
real first one.
"""
import datetime as dt
import json
import subprocess
import sys
import time

from bench.report import Figure

EVENTS = 1000
KEY_DATES = 100


def fill(app) -> str:
    """Add EVENTS events and KEY_DATES key dates to a campaign; return its slug."""
    from campaign import clock
    from campaign.campaigns import operations as campaigns
    from campaign.events import operations
    from campaign.extensions import db

    start = clock.now().replace(microsecond=0) + dt.timedelta(days=2)
    with app.app_context():
        campaign = campaigns.create_campaign(
            slug="feed-bench", default_language="en", languages=["en", "ru", "pl"],
            timezone="Europe/Brussels", contact_name="Anna", contact_email="anna@example.org",
            status="active", texts={"en": {"title": "Feed bench", "summary": "s", "body": "b"}})
        for number in range(EVENTS):
            begins = start + dt.timedelta(hours=7 * number)
            operations.create_event(
                campaign, slug=f"event-{number}", starts_at=begins,
                ends_at=begins + dt.timedelta(hours=2), timezone="Europe/Brussels",
                address_lines="Place Jean Rey", postcode="1000", city="Brussels", country="BE",
                latitude=50.84, longitude=4.38, capacity=100, max_guests=2, published=True,
                texts={"en": {"title": f"Vigil number {number}",
                              "description": f"Vigil {number}: join **us** in front of "
                                             "the embassy.\n\nBring a *candle*.",
                              "venue_name": "Jean Rey Square"}})
        for number in range(KEY_DATES):
            campaigns.create_key_date(
                campaign, kind="other", date=dt.date(2020, 1, 1) + dt.timedelta(days=9 * number),
                yearly=number % 3 == 0, texts={"en": {"title": f"Key date {number}",
                                                      "description": f"Remember {number}."}})
        db.session.commit()
        return campaign.slug


def _timed(function):
    """CPU milliseconds of this process (other processes' load on the machine not counted)."""
    started = time.process_time()
    result = function()
    return (time.process_time() - started) * 1000, result


def measure(url: str, slug: str) -> dict:
    """Milliseconds: first build, its bare serialisation, rebuild, its bare serialisation."""
    from icalendar import Calendar

    from campaign import create_app
    from campaign.calendar import feeds
    from campaign.campaigns import queries
    from campaign.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "SERVER_NAME": "bench.test"})
    results = {}
    for label in ("first", "rebuild"):
        with app.test_request_context("/en/"):
            if label == "rebuild":  # a write to the campaign: the cached file is stale
                campaign = queries.get_campaign(queries.get_public_version(slug).id)
                campaign.touch()
                db.session.commit()
            version = queries.get_public_version(slug)
            ours, body = _timed(lambda: feeds.render(version, "en", "https://bench.test"))
            calendar = Calendar.from_ical(body)
            bare = min(_timed(calendar.to_ical)[0] for _ in range(3))
            results[label] = {"ours": ours, "bare": bare, "bytes": len(body),
                              "events": body.count(b"BEGIN:VEVENT")}
            db.session.remove()
    return results


def figures(folder) -> list[Figure]:
    """A SQLite database with the big campaign; :func:`measure` in a fresh interpreter."""
    import flask_migrate

    from campaign import create_app

    url = f"sqlite:///{folder}/feed.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        flask_migrate.upgrade()
    slug = fill(app)
    output = subprocess.run([sys.executable, "-m", "bench.feed", url, slug], check=True,
                            capture_output=True, text=True).stdout
    results = json.loads(output.strip().splitlines()[-1])
    found = []
    for label, name in (("first", "first build"), ("rebuild", "rebuild after a write")):
        numbers = results[label]
        found.append(Figure("sqlite", f"campaign feed, full render of {numbers['events']} "
                                      f"VEVENTs ({EVENTS} events + {KEY_DATES} key dates), "
                                      f"{name}", numbers["ours"], numbers["bare"], "ms",
                            ("max", 2.0), note="ceiling: icalendar's to_ical of the same "
                                                "calendar; ratio = ours / ceiling"))
    return found


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], sys.argv[2])))
