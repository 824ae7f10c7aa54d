"""A supporter on a phone writes to their MEPs, confirms from the e-mail, and the letters
arrive From "<name> via <campaign>" with Reply-To them."""
import re

from tests.e2e.conftest import PHONE, check_accessibility, link_in, t, text_of

ACTION = "write-to-your-meps"
CONSENT = ("I agree that my name, e-mail address, country and letter are stored to send my "
           "letter, that my representatives receive them and can reply to me, and that I "
           "receive an e-mail to confirm it.")


def test_a_supporter_on_a_phone_writes_to_the_meps_of_belgium(visit, live_server, mailbox):
    lang, email = "pl", "zofia.letters@example.org"
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}/letters/{ACTION}")
    check_accessibility(page)
    page.get_by_label(t(lang, "Country you live in or vote in"), exact=True).select_option("BE")
    page.get_by_role("button", name=t(lang, "Show my representatives"), exact=True).click()
    page.wait_for_url(re.compile(r"country=BE"))
    check_accessibility(page)
    assert page.get_by_text("Hilde Vautmans").is_visible()
    assert page.get_by_text("Bart Staes").is_visible()

    body = page.get_by_label(t(lang, "Your letter"), exact=True)
    body.fill(body.input_value() + "\n\nPiszę z Brukseli.")
    page.get_by_label(t(lang, "Your name"), exact=True).fill("Zofia Nałkowska")
    page.get_by_label(t(lang, "E-mail address"), exact=True).fill(email)
    page.get_by_label(t(lang, CONSENT), exact=True).check()
    page.get_by_role("button", name=t(lang, "Send my letter"), exact=True).click()
    page.wait_for_url(re.compile(rf"/{lang}/letters/{ACTION}/check-email$"))
    check_accessibility(page)

    confirmation = mailbox.wait(email)
    page.goto(link_in(confirmation, rf"^/{lang}/letters/{ACTION}/confirm/"))
    check_accessibility(page)
    assert page.get_by_text("Piszę z Brukseli.").is_visible()
    page.get_by_role("button", name=t(lang, "Send my letter"), exact=True).click()
    page.get_by_role("heading", name=t(lang, "Thank you: your letter is on its way")).wait_for()
    check_accessibility(page)

    letter = mailbox.wait("hilde.vautmans@example.org", timeout=30)
    assert letter["From"].addresses[0].display_name.startswith("Zofia Nałkowska")
    assert letter["Reply-To"].addresses[0].addr_spec == email
    assert "Piszę z Brukseli." in text_of(letter)
    assert mailbox.wait("bart.staes@example.org", timeout=30)
