"""Screenshots of the letter pages for the README and translators: the action page on a
phone in en, ru and pl after choosing a country, and the organiser's results on a desktop
(``SCREENSHOT_DIR=docs/screenshots pytest -n 0 -m screenshots tests/e2e/test_letter_screens.py``)."""
import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, check_accessibility, link_in, login, screenshot, t
from tests.e2e.test_letter_journeys import ACTION, CONSENT

#: A country with demo MEPs per language, and a supporter who writes from it.
WRITERS = {"en": ("GB", "Julie Ward", "Mary Jones"),
           "ru": ("EE", "Tunne Kelam", "Анна Тамм"),
           "pl": ("BE", "Hilde Vautmans", "Zofia Nałkowska")}


def choose_country(page, lang):
    country, target, _ = WRITERS[lang]
    page.get_by_label(t(lang, "Country you live in or vote in"), exact=True).select_option(
        country)
    page.get_by_role("button", name=t(lang, "Show my representatives"), exact=True).click()
    page.wait_for_url(re.compile(rf"country={country}"))
    page.get_by_text(target).first.wait_for()
    check_accessibility(page)


@pytest.mark.screenshots
@pytest.mark.parametrize("lang", ["en", "ru", "pl"])
def test_the_letter_page_on_a_phone_after_choosing_a_country(visit, live_server, lang):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}/letters/{ACTION}")
    check_accessibility(page)
    choose_country(page, lang)
    assert page.get_by_label(t(lang, "Your letter"), exact=True).input_value()
    screenshot(page, f"letter-{lang}-phone")


@pytest.mark.screenshots
def test_the_organisers_letter_results_on_a_desktop(visit, live_server, mailbox):
    # A letter written and confirmed first, so that the results have something to show.
    lang, email = "pl", "screens.letters@example.org"
    supporter = visit(viewport=PHONE)
    supporter.goto(f"{live_server.url}/{lang}/letters/{ACTION}")
    check_accessibility(supporter)
    choose_country(supporter, lang)
    supporter.get_by_label(t(lang, "Your name"), exact=True).fill(WRITERS[lang][2])
    supporter.get_by_label(t(lang, "E-mail address"), exact=True).fill(email)
    supporter.get_by_label(t(lang, CONSENT), exact=True).check()
    supporter.get_by_role("button", name=t(lang, "Send my letter"), exact=True).click()
    supporter.wait_for_url(re.compile(rf"/{lang}/letters/{ACTION}/check-email$"))
    check_accessibility(supporter)
    supporter.goto(link_in(mailbox.wait(email), rf"^/{lang}/letters/{ACTION}/confirm/"))
    check_accessibility(supporter)
    supporter.get_by_role("button", name=t(lang, "Send my letter"), exact=True).click()
    supporter.get_by_role("heading", name=t(lang, "Thank you: your letter is on its way")) \
        .wait_for()
    check_accessibility(supporter)
    mailbox.wait("hilde.vautmans@example.org", timeout=30)

    page = visit(viewport=DESKTOP)
    login(page, live_server)
    check_accessibility(page)
    page.locator('a[href*="/organiser/letters/campaign/"]').first.click()
    page.wait_for_url(re.compile(r"/organiser/letters/campaign/\d+$"))
    check_accessibility(page)
    page.get_by_role("link", name="Results").first.click()
    page.wait_for_url(re.compile(r"/organiser/letters/\d+/results$"))
    assert page.get_by_text("Hilde Vautmans").first.is_visible()
    check_accessibility(page)
    screenshot(page, "letter-results-desktop")
