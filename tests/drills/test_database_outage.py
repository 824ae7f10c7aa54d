"""The database goes away while people use the site: they get the 503 page (never a
traceback, never a 500), and the site recovers by itself when the database is back.

PostgreSQL is taken away through a TCP proxy in the test process (connections reset, new ones
refused), never by stopping the machine's server. SQLite cannot stop; what happens to it is a
long write lock (a backup or a migration holding the file): pages keep being read, signing
waits for the busy timeout and then answers 503.
"""
import sqlite3
import threading
import time

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import PG_URL
from tests.drills.conftest import EVENT, PETITION, served_app
from tests.drills.proxy import TcpProxy
from tests.drills.traffic import Visitor, random_ip

PAGES = [f"/en/petitions/{PETITION}", f"/en/events/{EVENT}", "/en/campaigns/" + PETITION]
UNAVAILABLE = "Temporarily unavailable"


class Load:
    """Threads reading pages and signing until stopped; every answer with its moment."""

    def __init__(self, base_url: str, readers: int = 6, signers: int = 2):
        self.base_url = base_url
        self.answers: list[tuple[float, str, int, str]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(n,)) for n in range(readers)]
        self.threads += [threading.Thread(target=self._sign, args=(n,)) for n in range(signers)]

    def _record(self, kind, status, body):
        with self.lock:
            self.answers.append((time.monotonic(), kind, status, body))

    def _read(self, number):
        visitor = Visitor(self.base_url)
        while not self.stopping.is_set():
            status, body, _ = visitor.get(PAGES[number % len(PAGES)])
            self._record("read", status, body)
            time.sleep(0.02)

    def _sign(self, number):
        visitor = Visitor(self.base_url)
        token = visitor.form_token(PAGES[0])
        count = 0
        while not self.stopping.is_set():
            count += 1
            status, body, _ = visitor.post(PAGES[0] + "/sign", {
                **token, "name": "Outage Signer", "country": "PL", "consent": "y",
                "email": f"outage{number}x{count}@gmail.com"}, ip=random_ip())
            self._record("sign", status, body)
            time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)

    def between(self, start, end, kind=None):
        with self.lock:
            return [a for a in self.answers if start <= a[0] < end and kind in (None, a[1])]


def check_answers(answers):
    """Only the page, the signing redirect or the 503 page; never a traceback."""
    statuses = {status for _, _, status, _ in answers}
    assert statuses <= {200, 302, 503}, statuses
    for _, _, status, body in answers:
        assert "Traceback" not in body
        if status == 503:
            assert UNAVAILABLE in body, body[:500]


def recovers(load, since, kind=None, within=30) -> float:
    """Seconds after *since* until every answer of *kind* is good again (a second of them)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        time.sleep(0.5)
        recent = load.between(time.monotonic() - 1, time.monotonic(), kind)
        if recent and all(a[2] in (200, 302) for a in recent):
            return time.monotonic() - since
    raise AssertionError(f"no recovery within {within} s: "
                         f"{[a[2] for a in load.between(since, time.monotonic(), kind)][-20:]}")


def postgres_outage(postgres_database, tmp_path, seconds):
    target = make_url(PG_URL)
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432).start()
    url = make_url(postgres_database).set(host="127.0.0.1", port=proxy.port)
    server = served_app(tmp_path, url.render_as_string(hide_password=False),
                        PAGE_CACHE_SECONDS=0).start()
    try:
        with Load(server.url) as load:
            time.sleep(2)
            cut = time.monotonic()
            proxy.cut()
            time.sleep(seconds)
            back = time.monotonic()
            proxy.restore()
            took = recovers(load, back)
            time.sleep(1)
        check_answers(load.answers)
        before = load.between(0, cut)
        during = load.between(cut + 1, back)
        assert before and {a[2] for a in before} <= {200, 302}
        assert during and {a[2] for a in during} == {503}, [
            (round(a[0] - cut, 2), a[1], a[2], a[3][:80]) for a in during if a[2] != 503]
        assert "Traceback" not in (tmp_path / "gunicorn.log").read_text()
        return took
    finally:
        server.stop()
        proxy.stop()


@pytest.mark.drill
def test_postgresql_gone_for_three_seconds_gives_503_pages_then_recovers(postgres_database,
                                                                          tmp_path):
    assert postgres_outage(postgres_database, tmp_path, seconds=3) < 10


@pytest.mark.drill
def test_postgresql_gone_for_twenty_seconds(postgres_database, tmp_path):
    took = postgres_outage(postgres_database, tmp_path, seconds=20)
    print(f"answers were good again {took:.1f} s after the database came back")


@pytest.mark.drill
def test_sqlite_locked_for_fifteen_seconds(sqlite_database, tmp_path):
    server = served_app(tmp_path, sqlite_database, PAGE_CACHE_SECONDS=0).start()
    path = make_url(sqlite_database).database
    try:
        with Load(server.url) as load:
            time.sleep(2)
            locker = sqlite3.connect(path, isolation_level=None)
            locker.execute("BEGIN IMMEDIATE")  # a writer holding the file, e.g. a migration
            locked = time.monotonic()
            time.sleep(15)
            locker.execute("ROLLBACK")
            locker.close()
            released = time.monotonic()
            recovers(load, released, kind="sign")
            time.sleep(1)
        check_answers(load.answers)
        reads = load.between(locked, released, "read")
        assert reads and {a[2] for a in reads} == {200}, "reading goes on (WAL)"
        # A write waits out SQLite's busy timeout (10 s) and gets the 503 page; the signer's
        # next try waits for the lock and succeeds once it is released.
        signs = [a[2] for a in load.between(locked, released + 1, "sign")]
        assert 503 in signs, signs
    finally:
        server.stop()
