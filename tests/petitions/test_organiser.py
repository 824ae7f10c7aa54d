"""Organiser pages: petitions, the signature list, charts, sources, bulk invalidation."""
import html
import re

from campaign.extensions import db
from campaign.petitions import abuse, counter
from campaign.petitions.models import Petition, PetitionStatus, Signature, SignatureState
from tests.factories import create_campaign
from tests.petitions.helpers import create_petition, link_in, outbox, sign, signatures


def sign_and_verify(client, petition, ip="198.51.100.7", **fields):
    before = len(outbox())
    sign(client, petition, ip=ip, **fields)
    client.post(link_in(outbox()[before]))


def test_organiser_pages_need_a_login(client, app):
    petition = create_petition()
    for path in ("campaign/%d" % petition.campaign_id, "%d" % petition.id,
                 "%d/signatures" % petition.id, "%d/export.csv" % petition.id,
                 "%d/delivery" % petition.id, "%d/stats" % petition.id,
                 "%d/sources" % petition.id, "%d/invalidate" % petition.id):
        response = client.get(f"/organiser/petitions/{path}")
        assert response.status_code == 302, path
        assert "/organiser/login" in response.headers["Location"]


def test_the_dashboard_links_to_a_campaigns_petitions(organiser):
    campaign = create_campaign()
    html = organiser.get("/organiser/").get_data(as_text=True)
    assert f'href="/organiser/petitions/campaign/{campaign.id}">Petitions</a>' in html


def test_an_organiser_creates_opens_and_closes_a_petition(organiser):
    campaign = create_campaign()
    data = {"slug": "free-bokayev", "goal": "500", "status": "draft", "opens_on": "",
            "closes_on": "2026-12-20", "text_en-title": "Free Max Bokayev",
            "text_en-target": "EU institutions", "text_en-text": "Release him.",
            "text_ru-title": "Свободу Максу Бокаеву", "text_ru-text": "Освободите его."}
    response = organiser.post(f"/organiser/petitions/campaign/{campaign.id}/new", data=data)
    assert response.status_code == 302
    petition = db.session.scalar(db.select(Petition))
    assert petition.text("title", "ru") == "Свободу Максу Бокаеву"
    assert petition.closes_at.isoformat() == "2026-12-20T23:00:00+00:00"  # midnight Brussels
    assert organiser.get("/en/petitions/free-bokayev").status_code == 404  # a draft

    organiser.post(f"/organiser/petitions/{petition.id}", data={**data, "status": "open",
                                                                "closes_on": ""})
    listing = organiser.get(f"/organiser/petitions/campaign/{campaign.id}").get_data(as_text=True)
    assert "Free Max Bokayev" in listing and "Open for signatures" in listing
    assert organiser.get("/ru/petitions/free-bokayev").status_code == 200

    organiser.post(f"/organiser/petitions/{petition.id}/close")
    db.session.expire_all()
    assert petition.status == PetitionStatus.CLOSED
    assert 'name="email"' not in organiser.get("/en/petitions/free-bokayev").get_data(as_text=True)


def test_the_petition_form_explains_its_mistakes(organiser):
    campaign = create_campaign()
    create_petition(campaign=campaign)
    response = organiser.post(f"/organiser/petitions/campaign/{campaign.id}/new", data={
        "slug": "stop-torture", "goal": "0", "status": "open", "opens_on": "2026-12-10",
        "closes_on": "2026-12-01", "text_en-title": ""})
    html = response.get_data(as_text=True)
    assert "Number must be between 1 and 100000000." in html
    assert "The petition cannot close before it opens." in html
    assert "Required in English, the default language." in html
    response = organiser.post(f"/organiser/petitions/campaign/{campaign.id}/new", data={
        "slug": "stop-torture", "goal": "10", "status": "open",
        "text_en-title": "T", "text_en-text": "x"})
    assert "Another petition already uses this address." in response.get_data(as_text=True)


def test_a_goal_too_big_for_any_number_is_explained(organiser):
    campaign = create_campaign()
    response = organiser.post(f"/organiser/petitions/campaign/{campaign.id}/new", data={
        "slug": "huge", "goal": "9" * 400, "status": "open",
        "text_en-title": "T", "text_en-text": "x"})
    assert response.status_code == 200
    assert "Number must be between 1 and 100000000." in response.get_data(as_text=True)


def test_the_signature_list_filters_and_searches(organiser):
    petition = create_petition()
    sign_and_verify(organiser, petition, name="Marta Nowak", email="marta@example.org",
                    country="PL")
    sign(organiser, petition, name="Jonas Peeters", email="jonas@example.org", country="BE")
    url = f"/organiser/petitions/{petition.id}/signatures"
    everyone = organiser.get(url).get_data(as_text=True)
    assert "Marta Nowak" in everyone and "Jonas Peeters" in everyone
    assert "2 signatures match." in everyone
    pending = organiser.get(url + "?state=pending").get_data(as_text=True)
    assert "Jonas Peeters" in pending and "Marta Nowak" not in pending
    belgium = organiser.get(url + "?country=BE").get_data(as_text=True)
    assert "Jonas Peeters" in belgium and "Marta Nowak" not in belgium
    search = organiser.get(url + "?q=MARTA").get_data(as_text=True)
    assert "Marta Nowak" in search and "Jonas Peeters" not in search
    assert "0 signatures match." in organiser.get(url + "?since=2999-01-01").get_data(as_text=True)
    sign(organiser, petition, name="Жанна Ильина", email="zhanna@example.org", country="KZ")
    cyrillic = organiser.get(url + "?q=жАННА").get_data(as_text=True)
    assert "Жанна Ильина" in cyrillic and "Marta Nowak" not in cyrillic
    odd = organiser.get(url + "?since=yesterday&page=-4&petition_id=9&q=" + "%25_")
    assert odd.status_code == 200


def test_the_list_pages_through_many_signatures(organiser):
    petition = create_petition()
    for n in range(55):
        sign(organiser, petition, name=f"Person {n:02d}", email=f"p{n}@example.org")
    url = f"/organiser/petitions/{petition.id}/signatures?state=pending"
    first = organiser.get(url).get_data(as_text=True)
    assert "Person 54" in first and "Person 04" not in first
    older = re.search(r'href="([^"]+)" rel="next">Older', first).group(1)
    second = organiser.get(html.unescape(older)).get_data(as_text=True)
    assert "Person 04" in second and "Person 54" not in second


def test_charts_show_verified_per_day_and_by_country(organiser):
    petition = create_petition()
    sign_and_verify(organiser, petition, email="a@example.org", country="PL")
    sign_and_verify(organiser, petition, email="b@example.org", country="PL")
    sign_and_verify(organiser, petition, email="c@example.org", country="KZ")
    sign(organiser, petition, email="d@example.org", country="DE")  # pending: not counted
    html = organiser.get(f"/organiser/petitions/{petition.id}/stats").get_data(as_text=True)
    assert "<svg" in html and "<rect" in html
    assert "Poland</td><td>2</td>" in html
    assert "Kazakhstan</td><td>1</td>" in html
    assert 'width="100.0%"' in html and 'width="50.0%"' in html
    assert "Germany" not in html
    assert "3 signatures" in html


def test_the_sources_view_groups_by_ip_hash_and_domain(organiser):
    petition = create_petition()
    for n in range(4):
        sign(organiser, petition, email=f"bot{n}@bots.example", ip="203.0.113.66")
    sign(organiser, petition, email="anna@example.org", ip="198.51.100.1")
    html = organiser.get(f"/organiser/petitions/{petition.id}/sources").get_data(as_text=True)
    assert abuse.ip_hash("203.0.113.66") in html
    assert "203.0.113.66" not in html
    assert "<code>bots.example</code></td><td>4</td>" in html
    assert f"invalidate?ip_hash={abuse.ip_hash('203.0.113.66')}" in html
    assert organiser.get(f"/organiser/petitions/{petition.id}/sources?hours=5").status_code == 200


def test_bulk_invalidation_previews_then_invalidates_and_decrements_the_count(organiser):
    petition = create_petition()
    for n in range(3):
        sign_and_verify(organiser, petition, email=f"bot{n}@bots.example", ip="203.0.113.66",
                        name=f"Bot {n}")
    sign(organiser, petition, email="bot9@bots.example", ip="203.0.113.66", name="Bot 9")
    pending_link = link_in(outbox()[-1])
    sign_and_verify(organiser, petition, email="anna@example.org", ip="198.51.100.1")
    assert counter.count(petition.id, fresh=True) == 4
    bot_hash = abuse.ip_hash("203.0.113.66")
    url = f"/organiser/petitions/{petition.id}/invalidate"

    preview = organiser.get(f"{url}?ip_hash={bot_hash}").get_data(as_text=True)
    assert "3 confirmed and 1 unconfirmed signatures match" in preview
    assert "Bot 0" in preview and "Anna" not in preview
    assert "Invalidate 4 signatures" in preview
    assert counter.count(petition.id, fresh=True) == 4  # a preview changes nothing

    response = organiser.post(url, data={"ip_hash": bot_hash})
    assert response.status_code == 302
    assert counter.count(petition.id, fresh=True) == 1
    states = {s.name: s.state for s in signatures()}
    assert states["Bot 9"] == SignatureState.INVALIDATED
    assert states["Anna Kowalska"] == SignatureState.VERIFIED
    assert counter.reconcile(petition.id) == (1, 1)  # no drift
    assert organiser.get(pending_link).status_code == 404  # an invalidated link stays dead
    assert counter.count(petition.id, fresh=True) == 1
    again = organiser.get(f"{url}?ip_hash={bot_hash}").get_data(as_text=True)
    assert "0 confirmed and 0 unconfirmed signatures match; 4 are already invalidated" in again


def test_bulk_invalidation_by_domain_and_dates(organiser):
    petition = create_petition()
    sign_and_verify(organiser, petition, email="x@bots.example")
    sign_and_verify(organiser, petition, email="y@example.org")
    url = f"/organiser/petitions/{petition.id}/invalidate"
    assert "1 confirmed and 0 unconfirmed" in organiser.get(
        f"{url}?domain=BOTS.example").get_data(as_text=True)
    assert "0 confirmed" in organiser.get(
        f"{url}?domain=bots.example&since=2999-01-01").get_data(as_text=True)
    organiser.post(url, data={"domain": "bots.example", "since": "2000-01-01"})
    assert counter.count(petition.id, fresh=True) == 1


def test_bulk_invalidation_needs_a_source_or_dates(organiser):
    petition = create_petition()
    sign_and_verify(organiser, petition)
    url = f"/organiser/petitions/{petition.id}/invalidate"
    response = organiser.post(url, data={})
    assert response.status_code == 200
    assert "so that not every signature is picked" in response.get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 1
    assert signatures()[0].state == SignatureState.VERIFIED


def test_signing_again_after_invalidation_sends_nothing(client, app):
    petition = create_petition()
    sign(client, petition)
    db.session.execute(db.update(Signature).values(state=SignatureState.INVALIDATED))
    db.session.commit()
    assert sign(client, petition).status_code == 302
    assert len(outbox()) == 1


def test_the_sources_view_charts_one_source_per_hour(organiser):
    petition = create_petition()
    sign(organiser, petition, email="bot1@bots.example", ip="203.0.113.66")
    sign(organiser, petition, email="anna@example.org", ip="198.51.100.1")
    url = f"/organiser/petitions/{petition.id}/sources"
    everyone = organiser.get(url).get_data(as_text=True)
    assert "Signatures per hour, last 48 hours" in everyone
    assert "</td><td>2</td>" in everyone
    one = organiser.get(url + "?domain=bots.example").get_data(as_text=True)
    assert "Signatures per hour from bots.example" in one
    assert "</td><td>1</td><td class=\"bar-cell\">" in one
