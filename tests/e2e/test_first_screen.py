"""On a phone the campaign page leads with the action: the next event's RSVP button and the
petition's Sign button are on the first screen, in every language, before any scrolling."""
import re

import pytest

from tests.e2e.conftest import PHONE, SCREENSHOTS, check_accessibility, t

CAMPAIGN = "/campaigns/stop-torture-kazakhstan"


def _in_first_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    return (box is not None and box["y"] >= 0 and box["x"] >= 0
            and box["y"] + box["height"] <= PHONE["height"]
            and box["x"] + box["width"] <= PHONE["width"])


@pytest.mark.parametrize("lang", ["ru", "pl", "en"])
@pytest.mark.screenshots
def test_both_buttons_are_on_the_first_phone_screen(visit, live_server, lang):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}{CAMPAIGN}")
    check_accessibility(page)
    assert page.evaluate("window.scrollY") == 0

    rsvp = page.get_by_role("link", name=t(lang, "I will come"), exact=True).first
    sign = page.get_by_role("link", name=t(lang, "Sign"), exact=True).first
    assert _in_first_viewport(page, rsvp), f"RSVP button at {rsvp.bounding_box()}"
    assert _in_first_viewport(page, sign), f"Sign button at {sign.bounding_box()}"
    event_card = page.locator(".action-event")
    assert re.search(r"\d{1,2}:\d{2}", event_card.inner_text()), "the local time is shown"
    assert page.locator(".action-petition progress").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # what a phone shows before scrolling
    page.screenshot(path=str(SCREENSHOTS / f"campaign-{lang}-phone-first-screen.png"))

    sign.click()
    page.wait_for_url(re.compile(rf"/{lang}/petitions/.+#sign$"))
    check_accessibility(page)
    page.go_back()
    page.get_by_role("link", name=t(lang, "I will come"), exact=True).first.click()
    page.wait_for_url(re.compile(rf"/{lang}/events/.+#rsvp$"))
    check_accessibility(page)
