"""Scale figures: the organiser's lists and exports when a campaign is big.

Measured in this process through the app's own WSGI interface (Flask's test client, no
network), as the organiser of the demo campaign, on a fresh database per engine:

- the attendee list (first page) and the attendee CSV export at 1,000 and at 100,000 RSVPs:
  the export's time per row and its peak memory (tracemalloc) must stay flat;
- the organiser's signature list (first page) at 1,000 and at 1,000,000 signatures: at most
  1.5 × its time at 1,000.

Each figure's ceiling is the same request at the small size, in the same run; the ratio is
big / small. Every request is made ``REPEAT`` times and the median kept.

``python -m bench.scale`` runs these figures alone.
"""
import datetime as dt
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from bench import signatures
from bench.databases import DATABASES
from bench.report import Figure

EVENT = "brussels-protest"
PETITION = "stop-torture-kazakhstan"
SMALL_RSVPS, BIG_RSVPS = 1_000, 100_000
SMALL_SIGNATURES, BIG_SIGNATURES = 1_000, 1_000_000
REPEAT = 5
PASSWORD = "bench-organiser-password"


def _app(url: str):
    import flask_migrate

    from campaign import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "BASE_URL": "https://bench.test", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "PAGE_CACHE_SECONDS": 0})
    with app.app_context():
        flask_migrate.upgrade()
    app.test_cli_runner().invoke(args=["campaign", "demo"])
    return app


def _organiser_client(app):
    """A test client signed in as the demo campaign's owner (a password set for the bench)."""
    import sqlalchemy as sa

    from campaign.extensions import db
    from campaign.organisers.models import Organiser

    with app.app_context():
        owner = db.session.scalars(sa.select(Organiser).order_by(Organiser.id)).first()
        owner.set_password(PASSWORD)
        email = owner.email
        db.session.commit()
    client = app.test_client()
    answer = client.post("/organiser/login", data={"email": email, "password": PASSWORD})
    if answer.status_code != 302:
        raise RuntimeError(f"bench login failed: {answer.status_code}")
    return client


def grow_rsvps(app, total: int) -> int:
    """Add confirmed RSVPs to the demo event until it has *total*; returns its id."""
    import sqlalchemy as sa

    from campaign import clock
    from campaign.events.models import Event, Rsvp, RsvpStatus
    from campaign.extensions import db

    with app.app_context():
        event = db.session.scalars(sa.select(Event).where(Event.slug == EVENT)).one()
        event.capacity = None
        have = db.session.scalar(sa.select(sa.func.count()).select_from(Rsvp)
                                 .where(Rsvp.event_id == event.id))
        now = clock.now()
        for start in range(have, total, 10_000):
            db.session.execute(sa.insert(Rsvp), [
                dict(event_id=event.id, name=f"Attendee {n}", email=f"a{n}@example.org",
                     guests=n % 3,
                     status=RsvpStatus.CONFIRMED, lang=("en", "ru", "pl")[n % 3],
                     consent_version="bench", consented_at=now, confirmed_at=now,
                     created_at=now, updated_at=now, manage_key=f"b{n:015d}", source="form")
                for n in range(start, min(total, start + 10_000))])
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("ANALYZE rsvp"))
        return event.id


def _petition_id(app) -> int:
    import sqlalchemy as sa

    from campaign.extensions import db
    from campaign.petitions.models import Petition

    with app.app_context():
        return db.session.scalar(sa.select(Petition.id).where(Petition.slug == PETITION))


def timed(client, path: str) -> float:
    """Median seconds for GET *path* (the whole body read), REPEAT times."""
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        answer = client.get(path)
        body = answer.get_data()
        times.append(time.perf_counter() - started)
        if answer.status_code != 200 or not body:
            raise RuntimeError(f"{path}: {answer.status_code}")
    return statistics.median(times)


def export(client, path: str) -> tuple[float, float, int]:
    """(seconds, peak traced MB, rows) for streaming the CSV at *path* once."""
    tracemalloc.start()
    started = time.perf_counter()
    answer = client.get(path, buffered=False)
    rows = sum(chunk.count(b"\n") for chunk in answer.response) - 1
    seconds = time.perf_counter() - started
    answer.close()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2 ** 20, rows


def measure(engine: str, url: str) -> list[Figure]:
    app = _app(url)
    client = _organiser_client(app)
    event_id = grow_rsvps(app, SMALL_RSVPS)
    listing = f"/organiser/events/{event_id}/attendees"
    csv_path = f"/organiser/events/{event_id}/attendees.csv"
    small_list = timed(client, listing)
    small_export = export(client, csv_path)
    grow_rsvps(app, BIG_RSVPS)
    big_list = timed(client, listing)
    big_export = export(client, csv_path)

    petition_id = _petition_id(app)
    signature_list = f"/organiser/petitions/{petition_id}/signatures"
    signatures.grow_petition(url, PETITION, SMALL_SIGNATURES)
    small_signatures = timed(client, signature_list)
    signatures.grow_petition(url, PETITION, BIG_SIGNATURES)
    big_signatures = timed(client, signature_list)
    with app.app_context():
        from campaign.extensions import db

        db.engine.dispose()

    per_row = lambda result: result[0] / max(result[2], 1) * 1e6  # noqa: E731
    return [
        Figure(engine, f"attendee list, first page, {BIG_RSVPS:,} vs {SMALL_RSVPS:,} RSVPs",
               big_list * 1000, small_list * 1000, "ms", ("max", 1.5),
               "median of 5; ratio = big / small"),
        Figure(engine, f"attendee CSV, time per row, {BIG_RSVPS:,} vs {SMALL_RSVPS:,} RSVPs",
               per_row(big_export), per_row(small_export), "µs/row", ("max", 1.2),
               f"{big_export[2]:,} rows in {big_export[0]:.1f} s; {small_export[2]:,} rows "
               f"in {small_export[0]:.2f} s"),
        Figure(engine, f"attendee CSV, peak memory, {BIG_RSVPS:,} vs {SMALL_RSVPS:,} RSVPs",
               big_export[1], small_export[1], "MB", ("max", 1.5),
               "Python allocations traced while streaming (tracemalloc peak)"),
        Figure(engine, f"signature list, first page, {BIG_SIGNATURES:,} vs "
                       f"{SMALL_SIGNATURES:,} signatures", big_signatures * 1000,
               small_signatures * 1000, "ms", ("max", 1.5), "median of 5; ratio = big / small"),
    ]


def figures(folder: Path) -> list[Figure]:
    found = []
    for engine, make_database in DATABASES.items():
        workdir = Path(folder) / f"scale-{engine}"
        workdir.mkdir(parents=True, exist_ok=True)
        database = make_database(workdir)
        if database is None:
            continue
        try:
            found += measure(engine, database.url)
        finally:
            database.drop()
    return found


if __name__ == "__main__":
    import tempfile

    from bench import report

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as directory:
        results = figures(Path(directory))
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}")
    print(report.table(results))
