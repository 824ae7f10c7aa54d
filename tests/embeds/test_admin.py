"""The organisers' embeds page: allowed websites (owners), snippets (anyone who edits)."""
import html

from campaign.extensions import db
from campaign.organisers.models import AuditEvent
from campaign.organisers.roles import Role
from tests.embeds.helpers import allow, frame_ancestors
from tests.events.helpers import create_event
from tests.factories import create_organiser, log_in, page_text
from tests.petitions.helpers import create_petition


def page_of(petition):
    return f"/organiser/embeds/campaign/{petition.campaign_id}"


def test_without_websites_the_page_explains_how_to_allow_one(client, app):
    petition = create_petition()
    create_organiser()
    log_in(client)
    text = page_text(client.get(page_of(petition)))
    assert "No website may show the forms yet" in text
    assert "https://www.example.org" in text


def test_an_owner_allows_websites_and_the_embeds_follow(client, app):
    petition = create_petition()
    create_organiser()
    log_in(client)
    response = client.post(page_of(petition), data={
        "allowed_origins": "https://WWW.ngo.example/\nhttp://localhost:8001"})
    assert response.status_code == 302
    text = page_text(client.get(page_of(petition)))
    assert "https://www.ngo.example" in text and "No website may show" not in text
    assert frame_ancestors(client.get(f"/en/petitions/{petition.slug}/embed")) == \
        "frame-ancestors 'self' https://www.ngo.example http://localhost:8001"
    [event] = [row for row in db.session.scalars(db.select(AuditEvent))
               if (row.details or {}).get("setting") == "embed origins"]
    assert event.campaign_id == petition.campaign_id
    assert "https://www.ngo.example" in event.details["origins"]

    client.post(page_of(petition), data={"allowed_origins": ""})
    assert frame_ancestors(client.get(f"/en/petitions/{petition.slug}/embed")) == \
        "frame-ancestors 'self'"


def test_a_bad_address_is_explained_and_nothing_changes(client, app):
    petition = create_petition()
    allow(petition.campaign, "https://www.ngo.example")
    create_organiser()
    log_in(client)
    response = client.post(page_of(petition), data={
        "allowed_origins": "https://ok.example\nhttps://evil.example; script-src *"})
    assert response.status_code == 200
    assert "is not a website address like https://www.example.org" in page_text(response)
    assert frame_ancestors(client.get(f"/en/petitions/{petition.slug}/embed")) == \
        "frame-ancestors 'self' https://www.ngo.example"


def test_the_page_gives_snippets_for_each_petition_and_event(client, app):
    petition = create_petition(texts={"en": {"title": 'Stop "torture" <now>', "text": "x"},
                                      "ru": {"title": "Остановите пытки", "text": "x"}})
    create_event(petition.campaign)
    create_organiser()
    log_in(client)
    body = html.unescape(client.get(page_of(petition)).get_data(as_text=True))
    assert ('<iframe src="https://campaign.test/en/petitions/stop-torture/embed" '
            'title="Stop &#34;torture&#34; &lt;now&gt;"') in body
    assert '<iframe src="https://campaign.test/en/events/brussels-protest/embed"' in body
    assert ("[![Stop \"torture\" <now>](https://campaign.test/en/petitions/stop-torture/badge.svg)]"
            "(https://campaign.test/en/petitions/stop-torture)") in body
    assert '<script src="https://campaign.test/static/js/embed-resize.js" defer></script>' in body
    russian = html.unescape(client.get(page_of(petition) + "?lang=ru").get_data(as_text=True))
    assert "https://campaign.test/ru/petitions/stop-torture/embed" in russian
    assert 'title="Остановите пытки"' in russian


def test_organisers_copy_snippets_and_only_owners_change_the_websites(client, app):
    petition = create_petition()
    create_organiser(roles={petition.campaign: Role.ORGANISER})
    log_in(client)
    page = client.get(page_of(petition))
    assert page.status_code == 200
    assert "/en/petitions/stop-torture/embed" in page.get_data(as_text=True)
    assert "Only the campaign's owners can change this list." in page_text(page)
    assert client.post(page_of(petition), data={
        "allowed_origins": "https://evil.example"}).status_code == 403
