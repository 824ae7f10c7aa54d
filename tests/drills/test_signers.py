"""A petition goes viral: many people sign at once through gunicorn, a fifth of them with an
address that signed already (people who click twice, or sign again from another device).
Nothing may be lost or doubled, no one may see an error, and once everyone has followed their
link the count equals the verified signatures."""
import random
import threading
import time

import pytest
import sqlalchemy as sa

from campaign import create_app
from campaign.core.signing import make_token
from campaign.extensions import db
from campaign.petitions import counter, mail
from campaign.petitions.models import Petition, Signature, SignatureState
from tests.conftest import BASE_CONFIG
from tests.drills.conftest import PETITION, SECRET_KEY, served_app
from tests.drills.traffic import Visitor, random_ip, run_for

PAGE = f"/en/petitions/{PETITION}"


def sign_for(base_url: str, signers: int, seconds: float, repeated: float = 0.2):
    """*signers* threads signing until time is up; [(address, status, location)] of each."""
    used, lock = [], threading.Lock()

    def signer(number, deadline):
        visitor = Visitor(base_url)
        token = visitor.form_token(PAGE)
        answers, count = [], 0
        while time.monotonic() < deadline:
            with lock:
                again = used and random.random() < repeated
                address = random.choice(used) if again else f"s{number}x{count}@gmail.com"
                if not again:
                    used.append(address)
                    count += 1
            status, body, headers = visitor.post(PAGE + "/sign", {
                **token, "name": f"Signer {number}", "email": address,
                "country": "PL", "consent": "y", "public": "y"}, ip=random_ip())
            answers.append((address, status, headers.get("Location", ""), body[:300]))
        return answers
    return [answer for answers in run_for(seconds, signers, signer) for answer in answers]


def verify_all(base_url: str, app, threads: int = 50) -> list[int]:
    """Follow every pending signature's link and press its button, from many threads; the
    answers' statuses."""
    with app.app_context():
        keys = db.session.scalars(sa.select(Signature.link_key).where(
            Signature.state == SignatureState.PENDING)).all()
        links = [f"/en/petitions/{PETITION}/verify/{make_token(mail.TOKEN_PURPOSE, key)}"
                 for key in keys]
    statuses, lock = [], threading.Lock()

    def follower(number, deadline):
        visitor = Visitor(base_url)
        while True:
            with lock:
                if not links:
                    return
                link = links.pop()
            # The link shows a button; pressing it (a POST with the page's token) signs.
            # Each from its own address, as people confirming from their own networks (the
            # button is rate-limited per address like every public write).
            status, _, _ = visitor.post(link, visitor.form_token(link),
                                        ip=random_ip())
            with lock:
                statuses.append(status)
    run_for(600, threads, follower)
    return statuses


def check_signers(workdir, url, signers: int, seconds: float):
    server = served_app(workdir, url).start()
    try:
        answers = sign_for(server.url, signers, seconds)
        bad = [answer for answer in answers if answer[1] != 302
               or not answer[2].endswith("/check-email")]
        assert not bad, f"{len(bad)} of {len(answers)} answers were not the redirect: {bad[:3]}"
        repeated = len(answers) - len({answer[0] for answer in answers})
        assert repeated > len(answers) * 0.1, "the drill must repeat addresses"
        app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url,
                          "SECRET_KEY": SECRET_KEY})
        signed = {answer[0] for answer in answers}
        with app.app_context():
            rows = db.session.execute(sa.select(Signature.email, Signature.email_canonical)
                                      .where(Signature.email.like("s%@gmail.com"))).all()
        assert len(rows) == len({row.email_canonical for row in rows}), "duplicate rows"
        assert {row.email for row in rows} == signed, "signatures lost (or invented)"

        statuses = verify_all(server.url, app)
        assert statuses and set(statuses) == {200}, sorted(set(statuses))
        with app.app_context():
            petition = db.session.scalar(sa.select(Petition).where(Petition.slug == PETITION))
            verified = db.session.scalar(sa.select(sa.func.count()).select_from(Signature).where(
                Signature.petition_id == petition.id,
                Signature.state == SignatureState.VERIFIED))
            assert counter.count(petition.id, fresh=True) == verified
            assert verified >= len(signed)
        assert "Traceback" not in (workdir / "gunicorn.log").read_text()
    finally:
        server.stop()
    return len(answers), len(signed)


@pytest.mark.drill
def test_fifty_signers_for_five_seconds_lose_nothing_and_double_nothing(database, tmp_path):
    requests, people = check_signers(tmp_path, database, signers=50, seconds=5)
    assert people > 50


@pytest.mark.drill
def test_two_hundred_signers_for_thirty_seconds(database, tmp_path):
    requests, people = check_signers(tmp_path, database, signers=200, seconds=30)
    print(f"{requests} signing requests, {people} people")
