"""Two workers at once against PostgreSQL: every message goes out exactly once."""
import collections
import threading

import pytest

from campaign.extensions import db
from campaign.mailing import outbox, worker
from campaign.mailing.models import MessageStatus
from tests.mailing.helpers import is_postgres, rows


def test_two_workers_deliver_500_messages_each_exactly_once(mail_app, smtp_server):
    if not is_postgres():
        pytest.skip("several workers need PostgreSQL's SKIP LOCKED; on SQLite one worker runs")
    addresses = [f"supporter{number}@example.org" for number in range(500)]
    for address in addresses:
        outbox.enqueue("test_note", to=address, lang="en", key=f"note:{address}",
                       payload={"name": address})
    db.session.commit()

    start = threading.Barrier(2)
    totals = {}

    def work(worker_id):
        start.wait()
        claimed = 0
        while (stats := worker.deliver_due(mail_app, limit=25, worker_id=worker_id)).claimed:
            claimed += stats.sent
        totals[worker_id] = claimed

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    received = collections.Counter(message["To"] for message in smtp_server.messages)
    assert sorted(received) == sorted(addresses)
    assert set(received.values()) == {1}
    assert sum(totals.values()) == 500
    assert all(totals[name] > 0 for name in ("worker-1", "worker-2")), totals
    assert {row.status for row in rows()} == {MessageStatus.SENT}
