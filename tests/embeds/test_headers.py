"""Framing: embed pages may be framed by the campaign's allowed websites, nothing else may."""
from tests.embeds.helpers import allow, frame_ancestors
from tests.events.helpers import create_event
from tests.factories import create_organiser, log_in
from tests.petitions.helpers import create_petition


def test_without_allowed_websites_the_embed_is_framed_by_our_own_pages_only(client, app):
    petition = create_petition()
    response = client.get(f"/en/petitions/{petition.slug}/embed")
    assert response.status_code == 200
    assert frame_ancestors(response) == "frame-ancestors 'self'"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_allowed_websites_may_frame_the_embeds_and_no_other_page(client, app):
    petition = create_petition()
    event = create_event(petition.campaign)
    allow(petition.campaign, "https://www.ngo.example", "http://localhost:8001")
    for path in (f"/en/petitions/{petition.slug}/embed", f"/ru/events/{event.slug}/embed",
                 f"/pl/petitions/{petition.slug}/embed/sent", f"/en/events/{event.slug}/embed/sent"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert frame_ancestors(response) == (
            "frame-ancestors 'self' https://www.ngo.example http://localhost:8001"), path
        assert "X-Frame-Options" not in response.headers, path
        # The rest of the policy is the site's own: nothing loads from elsewhere.
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]

    create_organiser()
    log_in(client)
    for path in (f"/en/petitions/{petition.slug}", f"/en/events/{event.slug}",
                 f"/en/petitions/{petition.slug}/check-email", "/organiser/",
                 f"/organiser/embeds/campaign/{petition.campaign_id}"):
        response = client.get(path)
        assert frame_ancestors(response) == "frame-ancestors 'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_one_campaigns_websites_do_not_frame_another_campaigns_forms(client, app):
    from tests.factories import create_campaign

    ours = create_petition()
    theirs = create_petition(create_campaign(slug="other"), slug="other-petition")
    allow(ours.campaign, "https://www.ngo.example")
    assert frame_ancestors(client.get(f"/en/petitions/{theirs.slug}/embed")) == \
        "frame-ancestors 'self'"


def test_embeds_of_drafts_are_not_found(client, app):
    petition = create_petition(status="draft")
    assert client.get(f"/en/petitions/{petition.slug}/embed").status_code == 404
    assert client.get(f"/en/petitions/{petition.slug}/badge.svg").status_code == 404
    event = create_event(petition.campaign, published=False)
    assert client.get(f"/en/events/{event.slug}/embed").status_code == 404
