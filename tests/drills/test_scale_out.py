"""Scale-out: two gunicorn app servers and two mail workers on one PostgreSQL, rate limits kept
in Redis — the deployment README's "Scaling out" describes. People sign and RSVP through both
servers at once while a bulk send goes out: nothing is lost or doubled, a limit reached on one
server holds on the other, and a calendar edited through one server is never answered "not
modified" by the other."""
import collections
import os
import random
import re
import threading
import time
import uuid

import flask_migrate
import pytest
import sqlalchemy as sa

from bench.server import AppServer
from campaign import create_app
from campaign.campaigns.models import Campaign
from campaign.events.models import Event, RsvpRequest
from campaign.extensions import db
from campaign.mailing import outbox
from campaign.mailing.models import MessageStatus, OutboxMessage
from campaign.petitions.models import Signature
from tests.conftest import BASE_CONFIG
from tests.drills.conftest import EVENT, served_app
from tests.drills.test_mail_faults import Workers, delivered_to, wait_until
from tests.drills.test_signers import sign_for
from tests.drills.traffic import Visitor, random_ip, run_for

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
#: Both servers stand behind one public address, as behind a reverse proxy.
PUBLIC_URL = "https://campaign.example"
ORGANISER, PASSWORD = "scale@example.org", "a long drill password"
CAMPAIGN = "stop-torture-kazakhstan"


@pytest.fixture
def redis_prefix():
    """A key prefix of its own in Redis (deleted after), or a skip saying why."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis: no server answers at {REDIS_URL} ({type(error).__name__})")
    prefix = f"drill-{uuid.uuid4().hex[:8]}"
    yield prefix
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)
    client.close()


@pytest.fixture
def cluster(postgres_database, redis_prefix, smtp_server, tmp_path):
    """Two app servers (A, B) and two mail workers on one PostgreSQL schema, limits in Redis."""
    settings = dict(RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=redis_prefix,
                    BASE_URL=PUBLIC_URL)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    # Two gunicorn workers each, not 2 × cores: both servers, the mail workers, PostgreSQL and
    # the visitors' threads share this one machine.
    first = served_app(tmp_path / "a", postgres_database, workers=2, MAIL_SERVER="127.0.0.1",
                       MAIL_PORT=smtp_server.port, **settings)
    first.flask("campaign", "create-organiser", ORGANISER, "--password", PASSWORD)
    # Organisers see only their campaigns: this one edits the demo's.
    first.flask("campaign", "add-member", ORGANISER, CAMPAIGN, "owner")
    second = AppServer(tmp_path / "b", {}, workers=2)
    second.env = {**first.env}
    workers = Workers(postgres_database, smtp_server.port, tmp_path, **settings)
    try:
        first.start()
        second.start()
        for _ in range(2):
            workers.start()
        yield first, second, workers
    finally:
        workers.stop()
        second.stop()
        first.stop()
    for server in (first, second):
        assert "Traceback" not in (server.workdir / "gunicorn.log").read_text()


def rsvp_for(base_url: str, people: int, seconds: float, repeated: float = 0.2):
    """*people* threads answering the event's RSVP form; [(address, status, location)]."""
    page = f"/en/events/{EVENT}"
    used, lock = [], threading.Lock()

    def person(number, deadline):
        visitor = Visitor(base_url)
        token = visitor.form_token(page)
        answers, count = [], 0
        while time.monotonic() < deadline:
            with lock:
                again = used and random.random() < repeated
                address = (used[count % len(used)] if again
                           else f"r{number}x{count}@example.org")
                if not again:
                    used.append(address)
            count += 1
            status, _, headers = visitor.post(page, {
                **token, "name": f"Person {number}", "email": address,
                "guests": "0", "consent": "y"}, ip=random_ip())
            answers.append((address, status, headers.get("Location", "")))
        return answers
    return [answer for answers in run_for(seconds, people, person) for answer in answers]


def bulk_send(url: str, count: int) -> None:
    """Queue *count* messages as an organiser's bulk message leaves them in the outbox."""
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade()
        for number in range(count):
            outbox.enqueue("test_message", to=f"p{number}@example.org", lang="en",
                           key=f"bulk:{number}", payload={"requested_by": "Olga",
                                                          "requested_at": "2026-12-06"})
        db.session.commit()
        db.engine.dispose()


def in_parallel(*calls):
    """Run each (function, args…) in a thread of its own; their results, in order."""
    results = [None] * len(calls)

    def run(index, call):
        results[index] = call[0](*call[1:])
    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def outbox_rows(url: str) -> list:
    """(recipient, status, worker that claimed it, kind) of every outbox row."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(OutboxMessage.to_address, OutboxMessage.status,
                                      OutboxMessage.claimed_by, OutboxMessage.kind)).all()
    engine.dispose()
    return rows


def scale_out_run(cluster, url, smtp_server, seconds: float, bulk: int):
    first, second, _ = cluster
    bulk_send(url, bulk)  # the workers start on it at once, while people sign and RSVP
    results = in_parallel((sign_for, first.url, 20, seconds), (sign_for, second.url, 20, seconds),
                          (rsvp_for, first.url, 10, seconds), (rsvp_for, second.url, 10, seconds))
    signatures, rsvps = results[0] + results[1], results[2] + results[3]
    bad = [a for a in signatures if a[1] != 302 or not a[2].endswith("/check-email")]
    bad += [a for a in rsvps if a[1] != 302 or not a[2].endswith("/thanks")]
    assert not bad, f"{len(bad)} answers were not the redirect: {bad[:3]}"
    bulk_during_traffic = sum(1 for address in delivered_to(smtp_server)
                              if address.startswith("p"))
    assert bulk_during_traffic, "the bulk send did not go out while the traffic ran"

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        signed = db.session.execute(sa.select(Signature.email, Signature.email_canonical)
                                    .where(Signature.email.like("s%@gmail.com"))).all()
        event = db.session.scalar(sa.select(Event).where(Event.slug == EVENT))
        # A public RSVP counts once its address confirms it: the form leaves a request.
        answered = db.session.scalars(sa.select(RsvpRequest.email).where(
            RsvpRequest.event_id == event.id, RsvpRequest.email.like("r%@example.org"))).all()
        db.engine.dispose()
    assert len(signed) == len({row.email_canonical for row in signed}), "duplicate signatures"
    assert {row.email for row in signed} == {a[0] for a in signatures}, "signatures lost"
    assert len(answered) == len(set(answered)), "duplicate RSVP requests"
    assert set(answered) == {a[0] for a in rsvps}, "RSVP requests lost"

    # Every row of the outbox (bulk, confirmations, verification links) is sent exactly once;
    # a repeated RSVP or signature inside its resend interval writes a row marked cancelled
    # at once (the same work as a first one, so a stranger learns nothing) and sends nothing.
    settled = {MessageStatus.SENT, MessageStatus.CANCELLED}
    assert wait_until(lambda: {row.status for row in outbox_rows(url)} <= settled,
                      600, poll=1), collections.Counter(row.status for row in outbox_rows(url))
    cancelled = [row for row in outbox_rows(url) if row.status == MessageStatus.CANCELLED]
    assert all(row.kind in {"rsvp_request", "petition_verification"} for row in cancelled), \
        cancelled[:3]
    rows = [row for row in outbox_rows(url) if row.status == MessageStatus.SENT]
    expected = collections.Counter(row.to_address.lower() for row in rows)
    received = collections.Counter(address.lower() for address in delivered_to(smtp_server).elements())
    doubled = {address: n for address, n in received.items() if n > expected[address]}
    assert not doubled, f"{len(doubled)} addresses got a message twice, e.g. {list(doubled)[:3]}"
    assert received == expected, "messages lost"
    assert all(received[f"p{n}@example.org"] == 1 for n in range(bulk))
    shares = collections.Counter(row.claimed_by for row in rows)
    assert len(shares) == 2, f"the two workers did not share the send: {shares}"
    return dict(signing=len(signatures), rsvp=len(rsvps), mails=len(rows),
                bulk_during_traffic=bulk_during_traffic, shares=sorted(shares.values()))


def rsvp_post(server, ip: str) -> int:
    """One RSVP from *ip* through *server*; the answer's status."""
    visitor = Visitor(server.url, ip=ip)
    page = f"/en/events/{EVENT}"
    status, _, _ = visitor.post(page, {**visitor.form_token(page), "name": "Ala",
                                       "email": "ala@example.org", "consent": "y"})
    return status


def check_shared_rate_limit(cluster):
    """Writes from one address count on both servers: RATELIMIT_PUBLIC_WRITE's 10 a minute in
    all, not 10 on each (nor on each gunicorn worker, as with memory://)."""
    first, second, _ = cluster
    ip = random_ip()
    on_first = [rsvp_post(first, ip) for _ in range(6)]
    assert on_first == [302] * 6, on_first
    on_second = [rsvp_post(second, ip) for _ in range(6)]
    assert on_second == [302] * 4 + [429] * 2, on_second


def feed(server, **headers):
    """(status, body, headers) of the campaign's feed from *server*."""
    return Visitor(server.url).get(f"/en/campaigns/{CAMPAIGN}/calendar.ics", headers={
        name.replace("_", "-"): value for name, value in headers.items()})


class Organiser:
    """An organiser logged in through one server, adding key dates to the demo campaign."""

    def __init__(self, server, ip: str):
        self.visitor = Visitor(server.url, ip=ip)
        token = self.visitor.form_token("/organiser/login")
        status, _, _ = self.visitor.post("/organiser/login", {
            **token, "email": ORGANISER, "password": PASSWORD})
        assert status == 302
        _, body, _ = self.visitor.get("/organiser/")
        campaign_id = re.search(r"/organiser/campaigns/(\d+)", body).group(1)
        self.path = f"/organiser/campaigns/{campaign_id}/key-dates/new"
        self.token = self.visitor.form_token(self.path)

    def add_key_date(self, title: str) -> None:
        status, body, _ = self.visitor.post(self.path, {
            **self.token, "kind": "hearing", "date": "2027-02-02",
            "text_en-title": title})
        assert status == 302, body[:500]


def revision(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.scalar(sa.select(Campaign.revision).where(Campaign.slug == CAMPAIGN))
    engine.dispose()
    return found


def check_feed_after_edits(cluster, edits: int = 5):
    """An edit through A is seen at once by B's conditional GET, by ETag and by date, also
    when it follows the previous edit within the same second; current copies get 304 from
    both servers."""
    first, second, _ = cluster
    organiser = Organiser(first, "192.0.2.10")
    for number in range(edits):
        organiser.add_key_date(f"Warm-up {number}")
        status, _, answer = feed(second)
        assert status == 200
        tag, modified = answer["ETag"], answer.get("Last-Modified")
        title = f"Hearing {number} {uuid.uuid4().hex[:6]}"
        organiser.add_key_date(title)  # most often within the same second as the warm-up
        for server in (second, first):
            status, body, answer = feed(server, If_None_Match=tag)
            assert status == 200 and title in body, "a stale ETag was answered 304"
            assert answer["ETag"] != tag
            if modified:
                status, body, _ = feed(server, If_Modified_Since=modified)
                assert status == 200 and title in body, "a stale date was answered 304"
    time.sleep(2)  # the last edit's second is over: its date may be handed out
    _, _, answer = feed(second)
    for server in (first, second):
        assert feed(server, If_None_Match=answer["ETag"])[0] == 304
        assert feed(server, If_Modified_Since=answer["Last-Modified"])[0] == 304


def check_concurrent_edits(cluster, url, edits: int = 10):
    """Organisers editing through both servers at once while calendars poll both: every edit
    gets its own revision, and neither server keeps serving a feed that misses one."""
    first, second, _ = cluster
    before = revision(url)
    organisers = [Organiser(first, "192.0.2.11"), Organiser(second, "192.0.2.12")]
    titles = [[f"Vote {side}-{n}" for n in range(edits)] for side in range(2)]
    done = threading.Event()

    def poll():
        while not done.is_set():
            for server in (first, second):
                feed(server)

    def edit(side):
        for title in titles[side]:
            organisers[side].add_key_date(title)
    poller = threading.Thread(target=poll)
    poller.start()
    try:
        in_parallel((edit, 0), (edit, 1))
    finally:
        done.set()
        poller.join()
    assert revision(url) == before + 2 * edits, "two edits got one revision"
    for server in (first, second):
        status, body, _ = feed(server)
        missing = [t for side in titles for t in side if t not in body]
        assert status == 200 and not missing, f"the feed misses {missing[:3]}"


@pytest.mark.drill
def test_signing_rsvp_and_a_bulk_send_through_two_servers_and_two_workers(
        cluster, postgres_database, smtp_server):
    figures = scale_out_run(cluster, postgres_database, smtp_server, seconds=20, bulk=3000)
    print("{signing} signing and {rsvp} RSVP requests through two servers; {mails} messages "
          "sent once each by two workers (shares {shares}), {bulk_during_traffic} of the bulk "
          "send while the traffic ran".format(**figures))


@pytest.mark.drill
def test_rate_limits_are_shared_between_the_servers(cluster):
    check_shared_rate_limit(cluster)


@pytest.mark.drill
def test_the_feed_answers_304_only_while_current_on_either_server(cluster, postgres_database):
    check_feed_after_edits(cluster)
    check_concurrent_edits(cluster, postgres_database)
