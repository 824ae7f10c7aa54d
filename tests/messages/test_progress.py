"""While a message goes out the organiser sees sent / queued / failed, with or without script."""
from campaign.extensions import db
from tests.factories import create_campaign, page_text
from tests.messages.helpers import compose, message_id_of, run_worker, send, signer
from tests.petitions.helpers import create_petition


def _sent_to_three(client, campaign):
    petition = create_petition(campaign)
    for name in ("anna", "bob", "cleo"):
        signer(petition, f"{name}@example.org")
    message_id = message_id_of(compose(client, campaign, f"petition_signers:{petition.id}",
                                       en=("Delivered", "We delivered it.")))
    client.post(f"/organiser/messages/{message_id}/test")  # not part of the progress
    send(client, message_id)
    return message_id


def test_progress_counts_sent_queued_and_failed(organiser_client, make_app, smtp_server):
    campaign = create_campaign()
    message_id = _sent_to_three(organiser_client, campaign)
    progress = organiser_client.get(f"/organiser/messages/{message_id}/progress.json").json
    assert progress == {"state": "scheduled", "total": 3, "sent": 0, "queued": 3, "failed": 0,
                        "skipped": 0, "percent": 0, "done": False, "state_label": "Scheduled"}

    smtp_server.reject("bob@example.org")
    run_worker(make_app(**smtp_server.config))

    progress = organiser_client.get(f"/organiser/messages/{message_id}/progress.json").json
    assert progress == {"state": "sent", "total": 3, "sent": 2, "queued": 0, "failed": 1,
                        "skipped": 0, "percent": 100, "done": True, "state_label": "Sent"}
    page = organiser_client.get(f"/organiser/messages/{message_id}")
    text = page_text(page)  # a plain reload shows the same numbers
    assert "Sent: 2" in text and "Failed: 1" in text and "Queued: 0" in text
    assert "100 %" in text


def test_the_page_polls_only_while_something_is_left(organiser_client, make_app):
    campaign = create_campaign()
    message_id = _sent_to_three(organiser_client, campaign)
    page = organiser_client.get(f"/organiser/messages/{message_id}").get_data(as_text=True)
    assert "js/message-progress.js" in page and "progress.json" in page
    run_worker(make_app())  # a worker of its own (no MAIL_SERVER: the mail log)
    page = organiser_client.get(f"/organiser/messages/{message_id}").get_data(as_text=True)
    assert "js/message-progress.js" not in page


def test_the_list_says_who_sent_what_to_how_many(organiser_client, app):
    campaign = create_campaign()
    _sent_to_three(organiser_client, campaign)
    run_worker(app)
    text = page_text(organiser_client.get(f"/organiser/messages/campaign/{campaign.id}"))
    assert "Delivered" in text and "Olga" in text and "Sent" in text
    assert "Signers of Stop torture who opted in to updates" in text
    row = text.split("Delivered", 1)[1]
    assert " 3" in row


def test_a_missing_message_is_a_404(organiser_client):
    assert organiser_client.get("/organiser/messages/999999/progress.json").status_code == 404
    assert organiser_client.get("/organiser/messages/99999999999").status_code == 404
    db.session.rollback()


def test_a_cancelled_message_shows_nothing_queued_and_stops_polling(organiser_client,
                                                                     frozen_now):
    campaign = create_campaign()
    petition = create_petition(campaign)
    for name in ("anna", "bob"):
        signer(petition, f"{name}@example.org")
    message_id = message_id_of(compose(organiser_client, campaign,
                                       f"petition_signers:{petition.id}"))
    send(organiser_client, message_id, when="later", send_at="2026-12-02T10:00")
    organiser_client.post(f"/organiser/messages/{message_id}/cancel")

    progress = organiser_client.get(f"/organiser/messages/{message_id}/progress.json").json
    assert progress["queued"] == 0 and progress["done"] is True
    page = organiser_client.get(f"/organiser/messages/{message_id}")
    assert "Queued: 0" in page_text(page)
    assert "js/message-progress.js" not in page.get_data(as_text=True)
