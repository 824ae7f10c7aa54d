"""Link previews: Open Graph and Twitter card tags in the page's language on every public
page, and a share image the app draws itself (a PNG with the title and, for a petition, the
count)."""
import html
import io
import re
from urllib.parse import unquote_plus

import pytest
from PIL import Image, ImageChops

from campaign.core import share_image
from tests.petitions.helpers import create_petition, link_in, outbox, sign

RU = {"ru": {"title": "Остановите пытки в Казахстане", "target": "Институты ЕС",
             "text": "Мы призываем **ЕС** потребовать освобождения."}}
BASE_URL = "https://campaign.test"


def meta(page: str) -> dict[str, str]:
    """{property or name: content} of the page's meta tags."""
    return {key: html.unescape(value) for key, value in re.findall(
        r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)}


def png(client, url: str) -> Image.Image:
    assert url.startswith(BASE_URL), "previews need an absolute address on BASE_URL"
    response = client.get(url[len(BASE_URL):])
    assert response.status_code == 200 and response.mimetype == "image/png"
    return Image.open(io.BytesIO(response.data))


def drawn_pixels(image: Image.Image, box) -> int:
    """Pixels in *box* that are not the white background."""
    return sum(image.crop(box).convert("L").histogram()[:128])


@pytest.fixture
def petition(app):
    return create_petition(texts={"en": {"title": "Stop torture", "text": "x"}, **RU})


def test_the_petition_page_has_previews_in_its_language(client, petition):
    tags = meta(client.get("/ru/petitions/stop-torture").get_data(as_text=True))
    assert tags["og:title"] == tags["twitter:title"] == "Остановите пытки в Казахстане"
    assert tags["description"].startswith("Адресат: Институты ЕС. Мы призываем ЕС")
    assert tags["og:locale"] == "ru_RU"
    assert tags["og:url"] == f"{BASE_URL}/ru/petitions/stop-torture"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image"] == tags["twitter:image"]


def test_the_share_image_is_a_png_with_the_russian_title_and_the_count(client, petition):
    sign(client, petition)
    client.post(link_in(outbox()[0]))  # the button on the link's page signs
    tags = meta(client.get("/ru/petitions/stop-torture").get_data(as_text=True))
    assert "n=1" in tags["og:image"], "a new count is a new image address"
    image = png(client, tags["og:image"])
    assert image.size == (1200, 630)
    assert drawn_pixels(image, (60, 120, 1140, 420)) > 2000, "the title is drawn"
    assert drawn_pixels(image, (60, 480, 400, 600)) > 1000, "the count is drawn"


def test_cyrillic_and_polish_letters_are_drawn_not_boxes():
    """Two titles of the same length in a font without the glyphs would both be boxes."""
    def title_area(title):
        return Image.open(io.BytesIO(share_image.render(title, "x"))).crop((60, 120, 1140, 420))
    assert ImageChops.difference(title_area("Свобода"), title_area("Справед")).getbbox()
    assert ImageChops.difference(title_area("Łódź żółć"), title_area("Ęśąźń ćół")).getbbox()


def test_every_public_page_has_a_preview_and_a_description(client, petition):
    sign(client, petition)
    pages = ["/en/", "/pl/campaigns/free-them", "/en/petitions/stop-torture",
             "/ru/petitions/stop-torture/check-email", link_in(outbox()[0])]
    for path in pages:
        tags = meta(client.get(path).get_data(as_text=True))
        assert tags.get("description") and tags.get("og:title"), path
        assert png(client, tags["og:image"]).size == (1200, 630), path


def test_sharing_before_signing_does_not_claim_a_signature(client, petition):
    def shown(path):  # the share links' text, decoded as the share dialog shows it
        return unquote_plus(html.unescape(client.get(path).get_data(as_text=True)))
    page = shown("/en/petitions/stop-torture")
    assert "I have signed" not in page
    assert "Please sign the petition" in page
    sign(client, petition)
    link = link_in(outbox()[0])
    assert "I have signed" not in shown(link), "the link's page only asks to confirm"
    client.post(link)
    assert "I have signed" in shown(link), "a used link shows the thank-you page"
