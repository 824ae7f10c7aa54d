"""A visitor reads the campaign in each language, on a desktop and on a phone."""
import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, check_accessibility, screenshot, t

LANGUAGES = {"en": "Key dates", "ru": "Ключевые даты", "pl": "Ważne daty"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_reaches_the_campaign_in_their_language(visit, live_server, lang):
    page = visit()
    page.goto(f"{live_server.url}/{lang}/")
    check_accessibility(page)
    page.locator(".card h2 a").first.click()
    page.wait_for_url(re.compile(rf"/{lang}/campaigns/"))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.get_by_role("heading", name=LANGUAGES[lang]).is_visible()
    assert page.locator(".key-date.is-next .badge").is_visible()
    check_accessibility(page)


def test_the_language_switcher_keeps_the_page(visit, live_server):
    page = visit()
    page.goto(f"{live_server.url}/en/campaigns/stop-torture-kazakhstan")
    check_accessibility(page)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Polski").click()
    page.wait_for_url(re.compile(r"/pl/campaigns/stop-torture-kazakhstan$"))
    assert page.locator("html").get_attribute("lang") == "pl"
    check_accessibility(page)
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/pl/")
    check_accessibility(page)


PAGES = {"campaign": ("/campaigns/stop-torture-kazakhstan", "Key dates"),
         "event": ("/events/brussels-protest", "I will come"),
         "petition": ("/petitions/stop-torture-kazakhstan", "Sign the petition")}


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.screenshots
def test_each_public_page_fits_the_screen(visit, live_server, kind, lang, viewport):
    page = visit(viewport={"desktop": DESKTOP, "phone": PHONE}[viewport])
    path, form_heading = PAGES[kind]
    page.goto(f"{live_server.url}/{lang}{path}")
    check_accessibility(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], "the page scrolls sideways"
    assert page.get_by_role("heading", name=t(lang, form_heading), exact=True).is_visible()
    screenshot(page, f"{kind}-{lang}-{viewport}")

