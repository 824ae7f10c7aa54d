"""Send it yourself: a mailto: link with the letter filled in, counted, never "delivered"."""
from urllib.parse import parse_qs, unquote, urlsplit

from campaign.extensions import db
from campaign.letters.models import MailtoClick
from tests.factories import create_organiser, log_in, page_text
from tests.letters.helpers import create_action, deliveries, letter_data


def test_the_mailto_button_opens_the_mail_program_and_is_counted_not_delivered(client, app):
    action = create_action()
    html = client.get("/en/letters/write-meps?country=PL").get_data(as_text=True)
    assert 'formaction="/en/letters/write-meps/mailto"' in html
    response = client.post("/en/letters/write-meps/mailto",
                           data=letter_data(subject="Free them", body="Dear MEP,\nAct now."))
    assert response.status_code == 303
    url = urlsplit(response.headers["Location"])
    assert url.scheme == "mailto"
    assert sorted(unquote(url.path).split(",")) == ["ewa.nowak@example.org",
                                                   "jan.kowalski@example.org"]
    query = parse_qs(url.query)
    assert query == {"subject": ["Free them"], "body": ["Dear MEP,\nAct now."]}
    assert db.session.scalar(db.select(db.func.count()).select_from(MailtoClick)) == 1
    assert deliveries() == []

    create_organiser()
    log_in(client)
    text = page_text(client.get(f"/organiser/letters/{action.id}/results"))
    assert "1 supporter chose to send it from their own mailbox (not counted as delivered)" in text
    assert "0 confirmed letters" in text


def test_a_mailto_click_without_targets_only_returns_to_the_page(client, app):
    create_action()
    response = client.post("/en/letters/write-meps/mailto", data=letter_data(country="FR"))
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(MailtoClick)) == 0
