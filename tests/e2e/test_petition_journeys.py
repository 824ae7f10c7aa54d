"""Supporters sign the petition, confirm from the e-mail, and see it count."""
import re

import pytest

from tests.e2e.conftest import (check_accessibility, complete_with_keyboard,
                                link_in, screenshot, t)

PETITION = "stop-torture-kazakhstan"
CONSENT = ("I agree that my name, e-mail address and country are stored to count and deliver "
           "my signature, and that I receive an e-mail to confirm it.")
THANKS = "Thank you: your signature counts"
PUBLIC = ("Show my name in the list of signers (the site shows your first name and country; "
          "the list handed to the addressee shows your full name)")


def signature_count(page) -> int:
    return int(re.sub(r"\D", "", page.locator(".petition-progress .count").inner_text()))


def listed_signers(page) -> str:
    signers = page.locator(".signers")
    return signers.inner_text() if signers.count() else ""


def sign(page, lang, name, email, country="BE", public=False):
    """Fill in the signing form with the mouse and send it."""
    page.get_by_label(t(lang, "Your name"), exact=True).fill(name)
    page.get_by_label(t(lang, "E-mail address"), exact=True).fill(email)
    page.get_by_label(t(lang, "Country"), exact=True).select_option(country)
    if public:
        page.get_by_label(t(lang, PUBLIC), exact=True).check()
    page.get_by_label(t(lang, CONSENT), exact=True).check()
    page.get_by_role("button", name=t(lang, "Sign"), exact=True).click()
    page.wait_for_url(re.compile(rf"/{lang}/petitions/{PETITION}/check-email$"))
    check_accessibility(page)


@pytest.mark.parametrize("public", [True, False], ids=["listed", "not-listed"])
def test_a_signature_counts_once_confirmed_and_is_listed_only_on_request(
        visit, live_server, mailbox, public):
    lang, first_name = ("ru", "Вера") if public else ("en", "Harriet")
    email = f"signer-{lang}-{public}@example.org".lower()
    page = visit()
    page.goto(f"{live_server.url}/{lang}/petitions/{PETITION}")
    check_accessibility(page)
    before = signature_count(page)
    title = page.get_by_role("heading", level=1).inner_text()

    sign(page, lang, f"{first_name} Testova", email, public=public)
    page.goto(f"{live_server.url}/{lang}/petitions/{PETITION}")
    check_accessibility(page)
    assert signature_count(page) == before, "an unconfirmed signature must not count"

    verification = mailbox.wait(email)
    assert verification["Subject"] == t(lang, "Please confirm your signature: %(title)s",
                                        title=title)
    page.goto(link_in(verification, rf"^/{lang}/petitions/{PETITION}/verify/"))
    check_accessibility(page)
    # Following the link (mail scanners do) only shows a button; pressing it signs.
    page.get_by_role("button", name=t(lang, "Confirm my signature")).click()
    page.get_by_role("heading", name=t(lang, THANKS)).wait_for()
    check_accessibility(page)
    assert signature_count(page) == before + 1

    page.get_by_role("link", name=t(lang, "More about the campaign")).click()
    page.wait_for_url(re.compile(rf"/{lang}/campaigns/"))
    check_accessibility(page)
    page.goto(f"{live_server.url}/{lang}/petitions/{PETITION}")
    check_accessibility(page)
    assert signature_count(page) == before + 1
    assert (first_name in listed_signers(page)) is public
    assert "Testova" not in listed_signers(page), "the site shows first names only"


def test_a_visitor_without_javascript_signs(visit, live_server, mailbox):
    page = visit(java_script_enabled=False)
    page.goto(f"{live_server.url}/pl/petitions/{PETITION}")
    check_accessibility(page)
    page.get_by_label(t("pl", "Your name"), exact=True).fill("Zofia Nałkowska")
    page.get_by_role("button", name=t("pl", "Sign"), exact=True).click()
    page.get_by_text(t("pl", "Please enter your e-mail address.")).wait_for()
    check_accessibility(page)
    name = page.get_by_label(t("pl", "Your name"), exact=True)
    assert name.input_value() == "Zofia Nałkowska", "what was typed is kept"
    sign(page, "pl", "Zofia Nałkowska", "nojs-sign@example.org", country="PL")
    page.goto(link_in(mailbox.wait("nojs-sign@example.org"), r"^/pl/petitions/.+/verify/"))
    check_accessibility(page)
    page.get_by_role("button", name=t("pl", "Confirm my signature")).click()
    page.get_by_role("heading", name=t("pl", THANKS)).wait_for()
    check_accessibility(page)


def test_the_sign_form_works_with_the_keyboard_alone(visit, live_server, mailbox):
    page = visit()
    page.goto(f"{live_server.url}/en/petitions/{PETITION}")
    check_accessibility(page)
    complete_with_keyboard(page, [
        ("#name", "Kim Keyboard"), ("#email", "keyboard-sign@example.org"),
        ("#country", "Poland"), ("#comment", None), ("#public", None), ("#consent", "Space"),
        ("#updates", None)])
    assert page.locator("#country").input_value() == "PL"
    assert page.locator("#consent").is_checked() and not page.locator("#public").is_checked()
    complete_with_keyboard(page, [(".sign button[type=submit]", "Enter")], from_top=False)
    page.wait_for_url(re.compile(r"/check-email$"))
    check_accessibility(page)
    assert "/verify/" in link_in(mailbox.wait("keyboard-sign@example.org"), r"/verify/")
