"""200 people signing at once on PostgreSQL, a fifth of them with an address already used."""
import random
import threading

import pytest

from campaign.extensions import db
from campaign.mailing.models import OutboxMessage
from campaign.petitions import counter
from campaign.petitions.models import Signature, SignatureState
from tests.petitions.helpers import create_petition, link_in, sign_data

SIGNERS = 200
REPEATS = SIGNERS // 5


def variants(address: str) -> str:
    """Another spelling of the same mailbox."""
    local, domain = address.split("@")
    if domain == "gmail.com":
        return f"{local[0]}.{local[1:].upper()}+again@googlemail.com"
    return f"{local.upper()}@{domain.upper()}"


def run_at_once(app, jobs):
    """Run each job in its own thread with its own app context, started together."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            try:
                results[index] = job(client)
            except Exception as error:  # reported below as a failure, not lost in a thread
                results[index] = error
            finally:
                db.session.remove()
    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def pg_app(make_app):
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 20, "max_overflow": 20,
                                              "pool_timeout": 60})
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite serialises every write: real concurrency needs PostgreSQL")
        yield app


def test_200_concurrent_signers_leave_no_duplicates_and_an_exact_count(pg_app):
    app = pg_app
    petition = create_petition()
    slug, petition_id = petition.slug, petition.id
    unique = [f"person{n}@{'gmail.com' if n % 3 == 0 else 'example.org'}"
              for n in range(SIGNERS - REPEATS)]
    repeated = [variants(address) for address in random.Random(9).sample(unique, REPEATS)]
    addresses = unique + repeated
    random.Random(7).shuffle(addresses)

    def signer(address, n):
        return lambda client: client.post(
            f"/en/petitions/{slug}/sign", data=sign_data(name=f"Person {n}", email=address),
            environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"}).status_code
    codes = run_at_once(app, [signer(a, n) for n, a in enumerate(addresses)])
    assert codes == [302] * SIGNERS, [c for c in codes if c != 302][:5]

    db.session.expire_all()
    rows = db.session.scalars(db.select(Signature)).all()
    assert len(rows) == len(unique)
    assert len({r.email_canonical for r in rows}) == len(unique)
    every_row = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.kind == "petition_verification")).all()
    mails = [row for row in every_row if row.status != "cancelled"]
    assert len(mails) == len(unique)  # one link each; repeats within minutes are throttled
    assert len(every_row) == SIGNERS  # ... and written already cancelled: the same work

    links = [link_in(mail) for mail in mails]
    clicks = links + links[:REPEATS]  # some people click twice
    random.Random(3).shuffle(clicks)
    codes = run_at_once(app, [lambda client, link=link: client.post(link).status_code
                              for link in clicks])
    assert codes == [200] * len(clicks), [c for c in codes if c != 200][:5]

    verified = db.session.scalar(db.select(db.func.count()).select_from(Signature).where(
        Signature.state == SignatureState.VERIFIED))
    assert verified == len(unique)
    assert counter.count(petition_id, fresh=True) == verified
    assert counter.reconcile(petition_id) == (verified, verified)
    db.session.commit()
    assert counter.count(petition_id, fresh=True) == verified
