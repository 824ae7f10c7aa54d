"""A supporter on a phone reads the campaign's privacy notice from beside the form they are
about to fill in, in their language, and goes on to "your data"."""
import re

import pytest

from tests.e2e.conftest import PHONE, check_accessibility, t

CAMPAIGN = "stop-torture-kazakhstan"
NOTICE = "Privacy notice: what we keep, why, who sees it, for how long"


@pytest.mark.parametrize("lang, form_page, section", [
    ("pl", "/petitions/stop-torture-kazakhstan", "Signing a petition"),
    ("ru", f"/campaigns/{CAMPAIGN}", "Registering for an event")])
def test_the_notice_beside_a_form_says_who_holds_the_data_and_for_how_long(
        visit, live_server, lang, form_page, section):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}{form_page}")
    check_accessibility(page)
    link = page.get_by_role("link", name=t(lang, NOTICE), exact=True)
    if not link.count():  # the campaign page links it from the contact box
        link = page.get_by_role("link", name=t(lang, "Privacy notice"), exact=True)
    link.first.click()
    page.wait_for_url(re.compile(rf"/{lang}/campaigns/{CAMPAIGN}/privacy$"))
    check_accessibility(page)
    text = page.locator("main").inner_text()
    assert "Open Dialog Foundation" in text and "paola.gaffurini@odfoundation.eu" in text
    assert t(lang, section) in text and t(lang, "No one else") in text

    page.get_by_role("link", name=t(lang, "Your data"), exact=True).first.click()
    page.wait_for_url(re.compile(rf"/{lang}/my-data$"))
    check_accessibility(page)
