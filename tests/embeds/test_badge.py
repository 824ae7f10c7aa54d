"""The petition's SVG counter badge: the verified count and goal, safe text, briefly cached."""
import xml.etree.ElementTree as ET

from campaign.extensions import db
from campaign.petitions import counter, operations
from tests.petitions.helpers import create_petition, sign, signatures

SVG = "{http://www.w3.org/2000/svg}"


def texts(response) -> list[str]:
    root = ET.fromstring(response.get_data())  # well-formed XML, or this raises
    return [element.text for element in root.iter(f"{SVG}text")]


def test_the_badge_shows_the_verified_count_and_goal(client, app):
    petition = create_petition(goal=5000)
    response = client.get("/en/petitions/stop-torture/badge.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert texts(response) == ["Stop torture", "0 of 5,000 signatures"]
    # The same picture for everyone, kept a minute by any cache; no cookie.
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers.get("Vary", "")
    assert "@import" not in response.get_data(as_text=True)
    assert "url(" not in response.get_data(as_text=True), "no external font or image"

    sign(client, petition)
    assert texts(client.get("/en/petitions/stop-torture/badge.svg"))[1] == \
        "0 of 5,000 signatures", "a signature counts once confirmed"
    operations.verify(signatures()[0])
    db.session.commit()
    counter.count(petition.id, fresh=True)  # the process's count is kept a few seconds
    assert texts(client.get("/en/petitions/stop-torture/badge.svg"))[1] == "1 of 5,000 signatures"


def test_the_badge_speaks_the_language_of_its_address(client, app):
    create_petition(goal=5000, texts={"en": {"title": "Stop torture", "text": "x"},
                                      "ru": {"title": "Остановите пытки", "text": "x"},
                                      "pl": {"title": "Zatrzymać tortury – żółć", "text": "x"}})
    ru = client.get("/ru/petitions/stop-torture/badge.svg")
    assert texts(ru)[0] == "Остановите пытки"
    assert texts(ru)[1].replace("\xa0", " ") == "0 из 5 000 подписей"
    pl = client.get("/pl/petitions/stop-torture/badge.svg")
    assert texts(pl)[0] == "Zatrzymać tortury – żółć"
    assert texts(pl)[1].replace("\xa0", " ") == "0 z 5 000 podpisów"
    # Cyrillic is no narrower than Latin: the badge is wide enough for its text.
    width = int(ET.fromstring(ru.get_data()).get("width"))
    assert width >= 7 * len("Остановите пытки0 из 5 000 подписей")


def test_markup_in_a_title_is_text_in_the_badge(client, app):
    title = '<script>alert(1)</script> & "quotes"\x0b'
    create_petition(texts={"en": {"title": title, "text": "x"}})
    response = client.get("/en/petitions/stop-torture/badge.svg")
    body = response.get_data(as_text=True)
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert texts(response)[0] == '<script>alert(1)</script> & "quotes"'
    root = ET.fromstring(response.get_data())
    assert root.get("aria-label").startswith('<script>alert(1)</script> & "quotes": ')


def test_a_long_title_is_shortened(client, app):
    create_petition(texts={"en": {"title": "Free every journalist " * 8, "text": "x"}})
    label = texts(client.get("/en/petitions/stop-torture/badge.svg"))[0]
    assert len(label) <= 48 and label.endswith("…")
