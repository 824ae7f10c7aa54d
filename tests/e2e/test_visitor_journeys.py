"""A visitor reads the campaign in each language; an organiser logs in and manages it."""
import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, check_accessibility, screenshot

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
    screenshot(page, f"campaign-{lang}-desktop")


def test_the_language_switcher_keeps_the_page(visit, live_server):
    page = visit()
    page.goto(f"{live_server.url}/en/campaigns/stop-torture-kazakhstan")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Polski").click()
    page.wait_for_url(re.compile(r"/pl/campaigns/stop-torture-kazakhstan$"))
    assert page.locator("html").get_attribute("lang") == "pl"
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/pl/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_campaign_page_works_on_a_phone(visit, live_server, lang):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}/campaigns/stop-torture-kazakhstan")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    check_accessibility(page)
    screenshot(page, f"campaign-{lang}-phone")


def test_an_organiser_logs_in_and_edits_the_campaign(visit, live_server):
    page = visit(viewport=DESKTOP)
    page.goto(f"{live_server.url}/organiser/")
    page.get_by_label("E-mail").fill("organiser@example.org")
    page.get_by_label("Password").fill(live_server.organiser_password)
    check_accessibility(page)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/organiser/$"))
    check_accessibility(page)
    screenshot(page, "dashboard-en-desktop")
    page.get_by_role("link", name="Manage").first.click()
    check_accessibility(page)
    page.get_by_label("Contact person").fill("")
    page.get_by_role("button", name="Save").click()
    assert page.locator("#contact_name-error").is_visible()
    assert page.get_by_label("Contact person").get_attribute("aria-invalid") == "true"
