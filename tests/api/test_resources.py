"""Each resource as a client reads it: HAL+JSON, scoped to the token's campaign, paginated."""
import pytest

from campaign.petitions import operations as petition_operations
from campaign.extensions import db
from campaign.petitions.models import Petition

HAL = "application/hal+json"


def test_the_entry_point_links_every_collection(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200 and response.mimetype == HAL
    links = response.json["_links"]
    for rel in ("osdi:campaigns", "osdi:events", "osdi:petitions", "osdi:people",
                "osdi:key_dates", "osdi:messages"):
        assert links[rel]["href"].startswith("https://campaign.test/api/v1/")
    assert links["curies"][0]["name"] == "osdi"


def test_the_campaign_is_the_tokens_own(api, world):
    listed = api.get("/api/v1/campaigns").json
    assert listed["total_records"] == 1
    [campaign] = listed["_embedded"]["osdi:campaigns"]
    assert campaign["slug"] == "a" and campaign["title"] == {"en": "Free them"}
    assert api.get(f"/api/v1/campaigns/{world['b']['campaign']}").status_code == 404


@pytest.mark.parametrize("path, rel, expected", [
    ("/api/v1/events", "osdi:events", {"slug": "a-vigil", "start_date": "2030-05-01T14:00:00+02:00",
                                       "timezone": "Europe/Brussels", "capacity": 150}),
    ("/api/v1/petitions", "osdi:petitions", {"slug": "a-petition", "total_signatures": 1,
                                             "goal": 100, "status": "open"}),
    ("/api/v1/key_dates", "osdi:key_dates", {"date": "2026-12-13", "kind": "other",
                                             "title": {"en": "Plenary debate"}}),
    ("/api/v1/messages", "osdi:messages", {"subject": {"en": "News"}, "status": "draft"}),
])
def test_collections_hold_only_the_campaigns_rows(api, path, rel, expected):
    response = api.get(path)
    assert response.status_code == 200 and response.mimetype == HAL
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json
    assert body["total_records"] == 1 and body["page"] == 1 and body["total_pages"] == 1
    [item] = body["_embedded"][rel]
    assert expected.items() <= item.items()
    assert api.get(item["_links"]["self"]["href"].removeprefix("https://campaign.test")
                   ).json["id"] == item["id"]


def test_attendances_signatures_and_people_show_the_supporters(api, world):
    a = world["a"]
    [attendance] = api.get(f"/api/v1/events/{a['event']}/attendances").json[
        "_embedded"]["osdi:attendances"]
    assert attendance["email_address"] == "ala@a.example.org" and attendance["guests"] == 1
    assert attendance["status"] == "confirmed"
    one = api.get(f"/api/v1/events/{a['event']}/attendances/{a['rsvp']}").json
    assert one["name"] == "Ala Nowak"
    [signature] = api.get(f"/api/v1/petitions/{a['petition']}/signatures").json[
        "_embedded"]["osdi:signatures"]
    assert signature["email_address"] == "ola@a.example.org" and signature["status"] == "verified"
    people = api.get("/api/v1/people").json
    assert [p["email_address"] for p in people["_embedded"]["osdi:people"]] == [
        "ala@a.example.org", "ola@a.example.org"]
    assert people["_embedded"]["osdi:people"][0]["wants_updates"] is True


def test_another_campaigns_objects_are_not_found(api, world):
    b = world["b"]
    for path in (f"/api/v1/events/{b['event']}", f"/api/v1/events/{b['event']}/attendances",
                 f"/api/v1/events/{world['a']['event']}/attendances/{b['rsvp']}",
                 f"/api/v1/petitions/{b['petition']}",
                 f"/api/v1/petitions/{b['petition']}/signatures",
                 f"/api/v1/petitions/{world['a']['petition']}/signatures/{b['signature']}",
                 f"/api/v1/key_dates/{b['key_date']}", f"/api/v1/messages/{b['message']}",
                 "/api/v1/events/2147483648", "/api/v1/no-such-thing"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json["error"] == "not_found"
    response = api.patch(f"/api/v1/events/{b['event']}", json={"city": "Gdańsk"})
    assert response.status_code == 404


def test_pages_link_to_the_next_and_the_previous(api, world):
    petition = db.session.get(Petition, world["a"]["petition"])
    for n in range(6):
        petition_operations.record_verified_signature(
            petition, name=f"Signer {n}", email=f"s{n}@example.org", country="BE", lang="en")
    db.session.commit()
    path = f"/api/v1/petitions/{petition.id}/signatures"
    first = api.get(path + "?per_page=3").json
    assert (first["total_records"], first["total_pages"], first["per_page"]) == (7, 3, 3)
    assert "prev" not in first["_links"]
    second = api.get(first["_links"]["next"]["href"].removeprefix("https://campaign.test")).json
    assert second["page"] == 2 and "prev" in second["_links"] and "next" in second["_links"]
    last = api.get(second["_links"]["next"]["href"].removeprefix("https://campaign.test")).json
    assert len(last["_embedded"]["osdi:signatures"]) == 1 and "next" not in last["_links"]
    seen = [s["id"] for page in (first, second, last) for s in page["_embedded"]["osdi:signatures"]]
    assert len(set(seen)) == 7


@pytest.mark.parametrize("query", ["per_page=101", "per_page=0", "page=0", "page=x"])
def test_pages_out_of_bounds_are_refused_with_a_reason(api, query):
    response = api.get("/api/v1/events?" + query)
    assert response.status_code == 400
    assert response.json["fields"]
