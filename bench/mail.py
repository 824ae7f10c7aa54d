"""Bulk send: the mail worker delivering 20,000 queued messages to a local SMTP server, against
a plain smtplib loop sending as many messages of the same size over one connection to the same
server, in the same run (before and after ours; the mean is the ceiling). Also the worker's
peak memory (its own ``ru_maxrss``).

The SMTP server (aiosmtpd) runs in a process of its own and only counts what it accepts; both
rates are taken from its clock, from the first accepted message to the last, so neither side's
start-up (interpreter, imports, building the first message) is counted. The worker is
``flask campaign worker --once``, as an operator runs it, on a database where the messages were
queued as a bulk send leaves them (one ``test_message`` row per recipient: non-transactional,
with List-Unsubscribe and a personal unsubscribe link in both bodies).

``python -m bench.mail [COUNT]`` runs this figure alone.
"""
import datetime as dt
import multiprocessing
import os
import re
import smtplib
import subprocess
import sys
import time
from pathlib import Path

from bench.databases import DATABASES
from bench.report import Figure

COUNT = 20_000
MEMORY_BUDGET_MB = 150
ROOT = Path(__file__).resolve().parent.parent
SENDER = "campaign@bench.test"
SECRET_KEY = "bench"
BASE_URL = "https://bench.test"


# -- the SMTP server, in its own process -------------------------------------------------------

class CountingHandler:
    """Accepts everything; counts messages and notes the first and last arrival."""

    def __init__(self, shared):
        self.shared = shared  # [count, first arrival, last arrival] (time.time())

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        with self.shared.get_lock():
            if self.shared[0] == 0:
                self.shared[1] = now
            self.shared[0] += 1
            self.shared[2] = now
        return "250 Message accepted for delivery"


def _serve(port, shared, ready):
    from aiosmtpd.controller import Controller

    controller = Controller(CountingHandler(shared), hostname="127.0.0.1", port=port,
                            server_hostname="smtp.bench.test")
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


class CountingServer:
    def __init__(self):
        from bench.server import free_port

        context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self.shared = context.Array("d", 3)
        ready = context.Event()
        self.process = context.Process(target=_serve, args=(self.port, self.shared, ready),
                                       daemon=True)
        self.process.start()
        if not ready.wait(30):
            raise RuntimeError("the SMTP server did not start")

    def reset(self):
        with self.shared.get_lock():
            self.shared[:] = [0, 0, 0]

    @property
    def count(self) -> int:
        return int(self.shared[0])

    def rate(self) -> float:
        count, first, last = self.shared[:]
        return (count - 1) / (last - first) if count > 1 and last > first else 0.0

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.count < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.count >= count

    def stop(self):
        self.process.terminate()
        self.process.join(10)


# -- the queue and a sample of what the worker sends -------------------------------------------

def _settings(url: str, port: int) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY, "BASE_URL": BASE_URL,
            "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_DEFAULT_SENDER": SENDER,
            "MAIL_TIMEOUT": 30}


def queue(url: str, port: int, count: int) -> bytes:
    """Migrate, queue *count* messages; return the bytes the worker would send for one."""
    import flask_migrate
    import sqlalchemy as sa

    from campaign import clock, create_app
    from campaign.extensions import db
    from campaign.mailing import mime
    from campaign.mailing.models import MessageStatus, OutboxMessage
    from campaign.mailing.render import render_row

    app = create_app(_settings(url, port))
    with app.app_context():
        flask_migrate.upgrade()
        now = clock.now()
        payload = {"requested_by": "Olga", "requested_at": now.isoformat(),
                   "zone": "Europe/Brussels"}
        for start in range(0, count, 5000):
            db.session.execute(sa.insert(OutboxMessage), [
                dict(kind="test_message", key=f"bench:{number}",
                     to_address=f"supporter{number}@example.org", lang=("en", "ru", "pl")[
                         number % 3], payload=payload, transactional=False,
                     status=MessageStatus.QUEUED, due_at=now, next_attempt_at=now,
                     attempts=0, created_at=now)
                for number in range(start, min(count, start + 5000))])
        db.session.commit()
        sample = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)
                                    .limit(1)).one()
        data = mime.build(sample, render_row(sample)).as_bytes()
        db.session.remove()
        db.engine.dispose()
    return data


def sent_rows(url: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.scalar(sa.text("SELECT count(*) FROM outbox_message WHERE status = 'sent' "
                                    "AND delivery = 'smtp'"))
    engine.dispose()
    return found


# -- the two senders ---------------------------------------------------------------------------

def ceiling(server: CountingServer, sample: bytes, count: int) -> float:
    """smtplib, one connection, *count* messages as big as *sample* (To varies)."""
    server.reset()
    to = re.search(rb"^To: .*$", sample, re.MULTILINE).group(0)
    head, tail = sample.split(to, 1)
    connection = smtplib.SMTP("127.0.0.1", server.port, local_hostname="bench.test")
    try:
        for number in range(count):
            address = f"supporter{number}@example.org"
            connection.sendmail(SENDER, [address],
                                head + b"To: " + address.encode() + tail)
    finally:
        connection.quit()
    server.wait_for(count, 30)
    return server.rate()


def worker(server: CountingServer, url: str, count: int, folder: Path,
           batch: int | None = None, extra: dict | None = None) -> dict:
    """``flask campaign worker --once`` on the queue (with *extra* settings): its rate and
    peak memory."""
    server.reset()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAMPAIGN_")}
    env.update({f"CAMPAIGN_{key}": str(value)
                for key, value in {**_settings(url, server.port), **(extra or {})}.items()})
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "campaign", "worker", "--once"]
    if batch:
        command += ["--batch", str(batch)]
    log_path = folder / "mail-worker.log"
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    log = log_path.read_text()
    if process.returncode:
        raise RuntimeError(f"the mail worker failed:\n{log[-3000:]}")
    server.wait_for(count, 30)
    reported = re.findall(r"peak memory ([\d.]+) MB", log)
    return {"rate": server.rate(), "received": server.count, "sent_rows": sent_rows(url),
            # What the worker read from resource.getrusage itself; else the kernel's figure.
            "peak_mb": float(reported[-1]) if reported else usage.ru_maxrss / 1024,
            "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime}


# -- the figures -------------------------------------------------------------------------------

def measure(engine: str, url: str, folder: Path, count: int = COUNT) -> list[Figure]:
    server = CountingServer()
    try:
        sample = queue(url, server.port, count)
        # The machine is shared: the ceiling is measured before and after ours, and the mean
        # taken, so a change of load during the run weighs on both sides alike.
        before = ceiling(server, sample, count)
        ours = worker(server, url, count, folder)
        after = ceiling(server, sample, count)
        best = (before + after) / 2
    finally:
        server.stop()
    lost = count - ours["sent_rows"]
    doubled = ours["received"] - count
    note = (f"{count:,} messages of {len(sample):,} bytes; ceiling {before:,.0f} before, "
            f"{after:,.0f} after; worker {ours['seconds']:.1f} s wall, {ours['cpu']:.1f} s CPU "
            "with start-up")
    if lost or doubled:
        note += f"; {lost} rows not marked sent, {doubled} extra messages (a bug)"
    return [
        Figure(engine, f"bulk send of {count:,} to a local SMTP server (own process)",
               ours["rate"], best, "msg/s", ("min", 0.8), note),
        Figure(engine, "mail worker peak memory (RSS) during the bulk send", ours["peak_mb"],
               MEMORY_BUDGET_MB, "MB", ("max", 1.0),
               f"ceiling = the {MEMORY_BUDGET_MB} MB budget; read by the worker "
               "(getrusage ru_maxrss)"),
        Figure(engine, "ceiling: smtplib, one connection (mean of before and after)", best,
               None, "msg/s"),
    ]


def figures(folder: Path, count: int = COUNT) -> list[Figure]:
    """The bulk-send figures on every engine that answers."""
    found = []
    for engine, make_database in DATABASES.items():
        workdir = Path(folder) / f"mail-{engine}"
        workdir.mkdir(parents=True, exist_ok=True)
        database = make_database(workdir)
        if database is None:
            continue
        try:
            found += measure(engine, database.url, workdir, count)
        finally:
            database.drop()
    return found


if __name__ == "__main__":
    import tempfile

    from bench import report

    with tempfile.TemporaryDirectory(prefix="bench-mail-") as directory:
        results = figures(Path(directory), int(sys.argv[1]) if len(sys.argv) > 1 else COUNT)
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}")
    print(report.table(results))
