"""`flask campaign record-bounce < dsn.eml`: the MTA pipes delivery status notifications in;
a permanent failure of a message we sent marks its outbox row bounced, anything else is
logged and ignored with exit 0 (a failing pipe would make the MTA bounce the bounce)."""
from campaign import create_app
from campaign.mailing import worker
from campaign.mailing.bounces import parse
from campaign.mailing.signals import bounced
from tests.conftest import BASE_CONFIG
from tests.mailing import dsn
from tests.mailing.helpers import queue, row_for, rows


def record_bounce(app, raw: bytes):
    result = app.test_cli_runner().invoke(
        args=["campaign", "record-bounce"], input=raw)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def sent(app, *addresses):
    for address in addresses:
        queue(address, kind="test_receipt")
    worker.deliver_due(app)
    return [row_for(address) for address in addresses]


def test_a_postfix_bounce_marks_the_message_bounced_and_tells_listeners(mail_app):
    row, other = sent(mail_app, "gone@example.org", "here@example.org")
    assert row.message_id and row.message_id.startswith("<")
    heard = []
    bounced.connect(heard.append, weak=False)
    try:
        result = record_bounce(mail_app, dsn.postfix("gone@example.org", row.message_id))
        # The MTA may deliver the same report twice: recorded once, heard once.
        again = record_bounce(mail_app, dsn.postfix("gone@example.org", row.message_id))
    finally:
        bounced.disconnect(heard.append)

    assert result.exit_code == 0
    assert f"outbox message {row.id} marked bounced" in result.stderr
    row, other = row_for("gone@example.org"), row_for("here@example.org")
    assert row.bounced_at is not None
    assert row.bounce.startswith("5.1.1 smtp; 550 5.1.1 <gone@example.org>: Recipient address")
    assert other.bounced_at is None
    assert [r.id for r in heard] == [row.id]
    assert again.exit_code == 0


def test_an_exchange_report_with_the_whole_message_is_understood(mail_app):
    [row] = sent(mail_app, "Someone.Gone@Example.org")
    raw = dsn.exchange("someone.gone@example.org", row.message_id)
    [report] = parse(raw)
    assert (report.recipient, report.action, report.status) == (
        "someone.gone@example.org", "failed", "5.1.10")
    assert report.message_ids == (row.message_id,)

    assert record_bounce(mail_app, raw).exit_code == 0
    row = row_for("Someone.Gone@Example.org")
    assert row.bounce == ("5.1.10 smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
                          "Recipient not found by SMTP address lookup")


def test_a_delayed_report_marks_nothing(mail_app):
    [row] = sent(mail_app, "slow@example.org")
    for raw in (dsn.postfix("slow@example.org", row.message_id, status="4.4.1",
                            action="delayed", diagnostic="X-Postfix; connect timed out"),
                dsn.postfix("slow@example.org", row.message_id, status="4.2.2")):
        result = record_bounce(mail_app, raw)
        assert result.exit_code == 0
        assert "not a bounce, ignored" in result.stderr
    assert row_for("slow@example.org").bounced_at is None


def test_a_report_about_an_address_we_never_wrote_to_changes_nothing(mail_app):
    [row] = sent(mail_app, "real@example.org")
    for raw in (dsn.postfix("stranger@example.org", "<not-ours@elsewhere.example>"),
                # Our Message-ID with someone else's address: a forged or mixed-up report.
                dsn.postfix("stranger@example.org", row.message_id)):
        result = record_bounce(mail_app, raw)
        assert result.exit_code == 0
        assert "no message of ours to that address, ignored" in result.stderr
    assert {r.bounced_at for r in rows()} == {None}


def test_anything_else_exits_0_with_a_log_line_and_no_traceback(mail_app):
    for raw in (b"", b"\x00\xff garbage \xfe", b"Subject: hello\r\n\r\nJust a reply.\r\n",
                b"Content-Type: multipart/report; boundary=x\r\n\r\n--x\r\nbroken",
                b"Content-Type: multipart/report; report-type=delivery-status; boundary=x"
                b"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n"
                b"Final-Recipient: rfc822; a@example.org\r\nStatus: nonsense\r\n--x--\r\n"):
        result = record_bounce(mail_app, raw)
        assert result.exit_code == 0, result.output
        assert "ignored" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_a_database_it_cannot_reach_asks_the_mta_to_try_again_later(tmp_path):
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI":
                      f"sqlite:///{tmp_path}/missing/campaign.sqlite"})
    raw = dsn.postfix("gone@example.org", "<0123456789abcdef@campaign.test>")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["campaign", "record-bounce"], input=raw)
    assert result.exit_code == 75  # EX_TEMPFAIL: Postfix keeps the report and tries again
    assert "could not record (OperationalError)" in result.stderr
    assert "Traceback" not in result.stderr
