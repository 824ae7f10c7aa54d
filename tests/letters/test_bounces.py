"""Bounces recorded per target: a letter the target's server accepted and later returned (a
delivery status notification piped to `flask campaign record-bounce`) shows as bounced for
that target in the organiser's results; a delayed report changes nothing."""
from campaign import clock
from campaign.extensions import db
from campaign.letters import deliveries as scheduling_step
from campaign.letters.models import DeliveryState
from campaign.mailing import worker
from tests.factories import create_organiser, log_in, page_text
from tests.letters.helpers import confirm_all, create_action, deliveries, outbox, write
from tests.mailing import dsn


def delivered_letters(app, client):
    action = create_action()
    write(client, action, email="anna@example.org")  # to Jan Kowalski and Ewa Nowak
    confirm_all(client)
    for _ in range(2):
        scheduling_step.schedule_step(clock.now())
        db.session.commit()
        worker.deliver_due(app)
    scheduling_step.schedule_step(clock.now())
    db.session.commit()
    return action


def letter_to(address):
    db.session.expire_all()
    return next(row for row in outbox("letter_to_target") if row.to_address == address)


def record_bounce(app, raw):
    result = app.test_cli_runner().invoke(args=["campaign", "record-bounce"], input=raw)
    assert result.exit_code == 0, result.output
    return result


def states():
    db.session.expire_all()
    return {d.target.name: (d.state, d.last_error) for d in deliveries()}


def test_a_bounce_marks_that_targets_letter_and_the_results_show_it(app, client):
    action = delivered_letters(app, client)
    assert {state for state, _ in states().values()} == {DeliveryState.SENT}

    jan = letter_to("jan.kowalski@example.org")
    record_bounce(app, dsn.exchange("jan.kowalski@example.org", jan.message_id))
    scheduling_step.schedule_step(clock.now())  # the next round does not undo it
    db.session.commit()

    found = states()
    assert found["Jan Kowalski"][0] == DeliveryState.BOUNCED
    assert found["Jan Kowalski"][1].startswith("5.1.10 smtp;550 5.1.10 RESOLVER.ADR")
    assert found["Ewa Nowak"] == (DeliveryState.SENT, None)

    create_organiser()
    log_in(client)
    text = page_text(client.get(f"/organiser/letters/{action.id}/results"))
    # Letters, then queued, scheduled, sent, failed, bounced.
    assert "Jan Kowalski Poland EPP 1 0 0 0 0 1" in text
    assert "Ewa Nowak Poland S&D 1 0 0 1 0 0" in text
    assert "Returned by the target's mail server" in text
    assert "Jan Kowalski" in text.split("Returned by the target's mail server")[1]
    assert "RecipientNotFound" in text
    mail_log = page_text(client.get(f"/organiser/mail/{jan.id}"))
    assert "Returned as undeliverable" in mail_log and "5.1.10" in mail_log


def test_a_delayed_report_or_one_about_a_stranger_changes_no_letter(app, client):
    action = delivered_letters(app, client)
    ewa = letter_to("ewa.nowak@example.org")
    record_bounce(app, dsn.postfix("ewa.nowak@example.org", ewa.message_id, status="4.4.1",
                                   action="delayed", diagnostic="X-Postfix; timed out"))
    record_bounce(app, dsn.postfix("someone.else@example.org", "<unknown@campaign.test>"))
    record_bounce(app, dsn.postfix("someone.else@example.org", ewa.message_id))

    assert {state for state, _ in states().values()} == {DeliveryState.SENT}
    create_organiser()
    log_in(client)
    text = page_text(client.get(f"/organiser/letters/{action.id}/results"))
    assert "Returned by the target's mail server" not in text
