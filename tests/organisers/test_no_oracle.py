"""A stranger asks for a password reset, and tries a password, with an address that has an
account and one that has none, and compares everything they can observe: the answer, the
headers, and the work the server does (the same SQL statements, the same rows written). Only
the mail worker, later and out of sight, tells them apart: the account gets its link."""
import sqlalchemy as sa

from campaign.extensions import db
from campaign.mailing import worker
from campaign.mailing.models import OutboxMessage
from campaign.organisers.models import AuditEvent, PasswordReset
from tests.events.test_no_oracle import Statements, headers
from tests.factories import create_campaign, create_organiser
from tests.organisers.helpers import link_in, mails_to

#: Of the same length: the sign-in form shows the address typed back in its field.
KNOWN, UNKNOWN = "olga@example.org", "nina@example.org"


def _counts() -> tuple:
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (PasswordReset, OutboxMessage, AuditEvent))


def observe(app, path: str, data: dict) -> dict:
    """What a stranger without cookies sees, and what the server did, for one POST."""
    client = app.test_client()
    before = _counts()
    with Statements() as statements:
        response = client.post(path, data=data)
    db.session.expire_all()
    written = [after - was for after, was in zip(_counts(), before)]
    body = response.get_data().replace(data["email"].encode(), b"<address>")
    return {"answer": (response.status_code, headers(response), body),
            "statements": statements.seen, "rows written": written,
            "then": client.get(path).get_data()}


def test_a_reset_does_the_same_work_for_an_account_and_for_an_unknown_address(app):
    create_organiser(KNOWN)
    known = observe(app, "/organiser/reset", {"email": KNOWN})
    unknown = observe(app, "/organiser/reset", {"email": UNKNOWN})
    for what in known:
        assert known[what] == unknown[what], what
    assert known["rows written"] == [1, 1, 0]
    assert any(s.startswith("INSERT INTO password_reset") for s in known["statements"])


def test_only_the_account_gets_a_link_and_the_unknown_address_gets_no_mail(make_app,
                                                                           smtp_server):
    app = make_app(**smtp_server.config)
    with app.app_context():
        create_organiser(KNOWN)
        for email in (KNOWN, UNKNOWN):
            app.test_client().post("/organiser/reset", data={"email": email})
        stats = worker.deliver_due(app)
        assert [m["To"] for m in smtp_server.messages] == [KNOWN]
        assert stats.sent == 1
        [sent] = mails_to(KNOWN, "password_reset")
        assert "/organiser/reset/" in link_in(sent)
        [unsent] = mails_to(UNKNOWN, "password_reset")
        assert unsent.status == "cancelled"


def test_a_wrong_password_and_an_unknown_address_look_and_work_the_same(app):
    create_campaign()
    create_organiser(KNOWN)
    known = observe(app, "/organiser/login", {"email": KNOWN, "password": "not the password"})
    unknown = observe(app, "/organiser/login", {"email": UNKNOWN,
                                                "password": "not the password"})
    for what in known:
        assert known[what] == unknown[what], what
    assert known["answer"][0] == 200 and known["rows written"] == [0, 0, 1]
    # The owners read the failure on the account; the one on no account is nobody's.
    failures = db.session.execute(sa.select(AuditEvent.organiser_id).where(
        AuditEvent.kind == "sign_in_failed")).scalars().all()
    assert len(failures) == 2 and failures.count(None) == 1


def test_expired_reset_requests_and_their_mail_are_deleted(app):
    import datetime as dt

    from campaign import clock
    from campaign.mailing import accounts

    create_organiser(KNOWN)
    for email in (KNOWN, UNKNOWN):
        app.test_client().post("/organiser/reset", data={"email": email})
    assert accounts.purge_resets(clock.now()) == 0
    assert accounts.purge_resets(clock.now() + dt.timedelta(hours=1, seconds=1)) == 2
    db.session.commit()
    assert _counts()[:2] == (0, 0)
