"""Letters to representatives: written through the real form (a served figure, like signing)
and delivered by the mail worker under each target's caps (like the bulk send).

Writing POSTs the letter form exactly as a browser does after opening the action's page (one
visitor's session and CSRF token, a new address each time) and expects the redirect to "check
your e-mail": one pending letter and its confirmation mail in one commit. Its ceiling is the
bare app's raw INSERT + commit, as for signing.

Delivering queues ``COUNT`` confirmed letters (spread over the demo's countries, so over its
13 MEPs) through the app's own write and confirm operations, then runs ``flask campaign worker
--once`` twice on fresh queues:

- caps raised above the queue: the worker's delivery rate (the caps are still counted per
  target each round) against smtplib sending as many messages of the same size over one
  connection — the bulk send's ceiling;
- the default caps (LETTER_TARGET_PER_HOUR): one round must deliver exactly the cap to each
  target and keep the rest queued; the figure is the most any target received against its cap.

``python -m bench.letters [COUNT]`` runs the delivery figures alone.
"""
import datetime as dt
import os
import sys
from pathlib import Path

from bench import load, mail, signatures
from bench.databases import DATABASES
from bench.report import Figure

SLUG = "write-to-your-meps"
COUNT = 3_000


# -- writing, served -------------------------------------------------------------------------

def write_script(action_url: str) -> str:
    """wrk Lua: POST the letter form as one visitor, with a new address each time."""
    headers, token = signatures.form_session(action_url + "?country=IT")
    body = (f"{token}&country=IT&subject=Free+the+prisoners"
            "&body=Please+speak+up+in+the+plenary+debate.&name=Bench+Writer"
            "&email=w%d-%d@example.org&consent=y&website=")
    return load.post_script(body, headers=headers)


def write_figure(engine: str, server_url: str, ceiling: str, note: str = "") -> Figure:
    """The served figure: letters written per second (its ceiling is named, measured by the
    caller with the others)."""
    url = f"{server_url}/en/letters/{SLUG}"
    return load.figure(engine, "write a letter through the real form (POST, CSRF, new address "
                       "each)", url + "/write", ceiling, ("min", 0.7), note,
                       script=write_script(url))


# -- delivering, offline ---------------------------------------------------------------------

def queue(url: str, port: int, count: int) -> tuple[bytes, int]:
    """Migrate, load the demo, write and confirm *count* letters; return the bytes of one
    letter as the worker sends it, and the number of deliveries queued."""
    import flask_migrate
    import sqlalchemy as sa

    from campaign import create_app
    from campaign.extensions import db
    from campaign.letters import operations
    from campaign.letters.models import (DeliveryState, Letter, LetterAction,
                                         LetterDelivery, LetterTarget)
    from campaign.mailing import mime
    from campaign.mailing.models import OutboxMessage
    from campaign.mailing.render import render_row

    app = create_app(mail._settings(url, port))
    with app.app_context():
        flask_migrate.upgrade()
        app.test_cli_runner().invoke(args=["campaign", "demo"])
        action = db.session.scalars(sa.select(LetterAction).where(LetterAction.slug == SLUG)).one()
        countries = sorted(set(db.session.scalars(sa.select(LetterTarget.country))))
        for number in range(count):
            operations.write(action, name=f"Writer {number}", email=f"w{number}@example.org",
                             country=countries[number % len(countries)],
                             subject="Free the prisoners", body="Please speak up.",
                             updates=False, lang=("en", "ru", "pl")[number % 3])
            if number % 500 == 499:
                db.session.commit()
        db.session.commit()
        # Confirmation mails are not what is measured: out of the queue.
        db.session.execute(sa.delete(OutboxMessage))
        for letter in db.session.scalars(sa.select(Letter)).all():
            operations.confirm(letter)
        db.session.commit()
        deliveries = db.session.scalar(sa.select(sa.func.count()).select_from(LetterDelivery))
        first = db.session.scalars(sa.select(LetterDelivery).order_by(LetterDelivery.id)
                                   .limit(1)).one()
        target = db.session.get(LetterTarget, first.target_id)
        first.state = DeliveryState.SCHEDULED  # as the worker's round leaves it (rolled back)
        sample_row = OutboxMessage(kind="letter_to_target", key="sample", to_address=target.email,
                                   lang="en", payload={"delivery_id": first.id},
                                   campaign_id=action.campaign_id, transactional=True)
        data = mime.build(sample_row, render_row(sample_row)).as_bytes()
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()
    return data, deliveries


def received_per_target(url: str) -> dict[str, int]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT to_address, count(*) FROM outbox_message WHERE kind = 'letter_to_target' "
            "AND status = 'sent' GROUP BY to_address")).all()
    engine.dispose()
    return dict(rows)


def measure(engine: str, make_database, folder: Path, count: int = COUNT) -> list[Figure]:
    server = mail.CountingServer()
    try:
        # Caps above the queue: the rate.
        database = make_database(folder)
        if database is None:
            return []
        try:
            sample, deliveries = queue(database.url, server.port, count)
            before = mail.ceiling(server, sample, deliveries)
            ours = mail.worker(server, database.url, deliveries, folder, extra={
                "LETTER_TARGET_PER_HOUR": deliveries, "LETTER_TARGET_PER_DAY": deliveries})
            after = mail.ceiling(server, sample, deliveries)
        finally:
            database.drop()
        # The default caps: one round delivers the cap to each target, no more.
        capped_folder = folder / "capped"
        capped_folder.mkdir(exist_ok=True)
        database = make_database(capped_folder)
        try:
            _, queued = queue(database.url, server.port, count)
            mail.worker(server, database.url, 0, capped_folder)
            per_target = received_per_target(database.url)
        finally:
            database.drop()
    finally:
        server.stop()
    from campaign.letters.config import DEFAULTS

    cap = DEFAULTS["LETTER_TARGET_PER_HOUR"]
    best = (before + after) / 2
    note = (f"{count:,} letters → {deliveries:,} deliveries of {len(sample):,} bytes to "
            f"{len(per_target) or '?'} targets; ceiling {before:,.0f} before, {after:,.0f} after; "
            f"worker {ours['seconds']:.1f} s wall, {ours['cpu']:.1f} s CPU with start-up")
    if ours["received"] != deliveries:
        note += f"; {ours['received']} received of {deliveries} (a bug)"
    most = max(per_target.values(), default=0)
    capped_note = (f"one worker round, {queued:,} deliveries queued: "
                   f"{sum(per_target.values()):,} sent to {len(per_target)} targets "
                   f"(fewest {min(per_target.values(), default=0)}), the rest kept queued")
    return [
        Figure(engine, "letters delivered by the worker, caps above the queue", ours["rate"],
               best, "msg/s", ("min", 0.8), note),
        Figure(engine, f"letters one target receives in a round under the cap of {cap}/hour",
               most, cap, "letters", ("max", 1.0), capped_note),
    ]


def figures(folder: Path, count: int = COUNT) -> list[Figure]:
    """The delivery figures on every engine that answers."""
    found = []
    for engine, make_database in DATABASES.items():
        workdir = Path(folder) / f"letters-{engine}"
        workdir.mkdir(parents=True, exist_ok=True)
        found += measure(engine, make_database, workdir, count)
    return found


if __name__ == "__main__":
    import tempfile

    from bench import report

    with tempfile.TemporaryDirectory(prefix="bench-letters-") as directory:
        results = figures(Path(directory), int(sys.argv[1]) if len(sys.argv) > 1 else COUNT)
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}")
    print(report.table(results))
