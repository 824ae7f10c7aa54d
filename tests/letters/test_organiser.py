"""Organiser pages: the list, the campaign page section, counts by target, country and group,
deliveries' state and the CSV export."""
import csv
import io

from campaign import clock
from campaign.extensions import db
from campaign.letters import deliveries as scheduling_step
from campaign.mailing import worker
from tests.factories import create_organiser, log_in, page_text
from tests.letters.helpers import confirm_all, create_action, write


def test_counts_by_target_country_and_group_and_the_export(client, app):
    action = create_action()
    write(client, action, email="anna@example.org")
    write(client, action, email="jonas@example.org", country="BE", name="Jonas Peeters")
    write(client, action, email="pending@example.org", name="Not Confirmed")
    confirm_all_but_last(client)
    scheduling_step.schedule_step(clock.now())
    db.session.commit()
    worker.deliver_due(app)
    scheduling_step.schedule_step(clock.now())
    db.session.commit()

    create_organiser()
    log_in(client)
    listing = page_text(client.get(f"/organiser/letters/campaign/{action.campaign_id}"))
    assert "Write to your MEPs" in listing and "4 targets" in listing
    results = client.get(f"/organiser/letters/{action.id}/results")
    text = page_text(results)
    assert "2 confirmed letters" in text
    assert "Bart Staes Belgium Greens/EFA 1 0 0 1 0 0" in text
    assert "Jan Kowalski Poland EPP 1 0 0 1 0 0" in text
    assert "Poland 1" in text and "Belgium 1" in text
    assert "Not Confirmed" not in text
    today = clock.now().date().isoformat()
    assert f"{today}: 2</title>" in results.get_data(as_text=True)  # the per-day chart

    export = client.get(f"/organiser/letters/{action.id}/export.csv")
    assert export.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted((r["target"], r["supporter_name"], r["state"]) for r in rows) == [
        ("Bart Staes", "Jonas Peeters", "sent"), ("Ewa Nowak", "Anna Kowalska", "sent"),
        ("Jan Kowalski", "Anna Kowalska", "sent")]


def confirm_all_but_last(client):
    from tests.letters.helpers import link_in, outbox
    for row in outbox("letter_confirmation")[:-1]:
        client.post(link_in(row))


def test_the_campaign_page_links_the_action_with_its_count_only(client, app):
    action = create_action()
    write(client, action, name="Marta Nowak", email="marta@example.org")
    confirm_all(client)
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert "Write to your representatives" in html
    assert "/en/letters/write-meps" in html and "1 letter sent so far" in html
    assert "Marta" not in html and "marta@example.org" not in html


def test_organiser_pages_need_a_sign_in(client, app):
    action = create_action()
    for url in (f"/organiser/letters/{action.id}/results",
                f"/organiser/letters/{action.id}/export.csv",
                f"/organiser/letters/campaign/{action.campaign_id}/targets"):
        assert client.get(url).status_code == 302


def test_a_draft_action_is_not_public(client, app):
    create_action(status="draft")
    assert client.get("/en/letters/write-meps").status_code == 404
