"""The door's scanner on a phone: the QR code from the confirmation mail, shown to a camera,
checks its holder in once, also when the phone was offline at the moment of the scan.

The camera is real as far as the page knows: Chromium's fake capture device plays a Y4M video
made here from the PNG in the mail (no BarcodeDetector on Linux, so the vendored jsQR reads it).
"""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (CHROMIUM, CHROMIUM_ARGS, PHONE, Visit, check_accessibility,
                                login, screenshot, t)
from tests.e2e.test_rsvp_journeys import EVENT, confirm, register

WIDTH, HEIGHT = 640, 480


def ticket_png(message) -> bytes:
    """The QR code the HTML of *message* shows (the image inside its multipart/related)."""
    [related] = [p for p in message.walk() if p.get_content_type() == "multipart/related"]
    [image] = [p for p in related.iter_parts() if p.get_content_type() == "image/png"]
    return image.get_content()


def camera_video(png: bytes, path) -> str:
    """A Y4M video (4:2:0, full-range as JPEG) of the QR code on a white sheet."""
    import io

    from PIL import Image

    code = Image.open(io.BytesIO(png)).convert("L")
    side = min(WIDTH, HEIGHT) - 80
    sheet = Image.new("L", (WIDTH, HEIGHT), 255)
    sheet.paste(code.resize((side, side), Image.NEAREST), ((WIDTH - side) // 2, 40))
    grey = bytes([128]) * (WIDTH * HEIGHT // 4)  # no colour: Cb = Cr = 128
    frame = b"FRAME\n" + sheet.tobytes() + grey + grey
    path.write_bytes(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F30:1 Ip A1:1 C420jpeg\n".encode()
                     + frame * 3)
    return str(path)


@pytest.fixture
def supporter_ticket(visit, live_server, mailbox):
    """A supporter registers for the demo protest; (first name, event title, confirmation)."""
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/en/events/{EVENT}")
    check_accessibility(page)
    title = page.get_by_role("heading", level=1).inner_text()
    email = "door-scan@example.org"
    register(page, "en", "Zofia Skaner", email)
    confirmation = confirm(page, mailbox, "en", email)
    # The manage page the confirmation leads to shows the same ticket.
    ticket = page.get_by_role("img", name="QR code of your ticket")
    expect(ticket).to_be_visible()
    assert 150 <= ticket.bounding_box()["width"] <= PHONE["width"]
    screenshot(page, "rsvp-ticket-en-phone")
    return "Zofia", title, confirmation


def open_scanner(page, server, title, lang=None):
    login(page, server, lang)
    page.goto(f"{server.url}/organiser/")
    check_accessibility(page)
    page.get_by_role("link", name=t(lang or "en", "Check-in at the door")).first.click()
    check_accessibility(page)
    page.get_by_role("link", name=title).click()
    check_accessibility(page)
    page.get_by_role("link", name=t(lang or "en", "Scan tickets")).click()
    page.wait_for_url(re.compile(r"/door/scan$"))
    check_accessibility(page)


def test_the_ticket_in_the_mail_is_scanned_offline_and_counted_once(
        browser, live_server, supporter_ticket, tmp_path):
    first_name, title, confirmation = supporter_ticket
    code = re.search(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b",
                     confirmation.get_body(("plain",)).get_content()).group(0)
    video = camera_video(ticket_png(confirmation), tmp_path / "ticket.y4m")
    phone_browser = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + [
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"])
    tab = Visit(phone_browser, live_server, PHONE)
    try:
        page = tab.page
        open_scanner(page, live_server, title)
        total = page.locator('[data-total="checked_in"]').first
        before = int(total.inner_text())

        tab.context.set_offline(True)
        page.get_by_role("button", name="Start the camera").click()
        result = page.locator("#scan-result")
        # Offline, the phone still recognises the ticket (its fingerprint is on the page).
        expect(result).to_contain_text(f"{first_name}: on the list", timeout=20_000)
        expect(result).to_contain_text("No guests — Saved on this phone")
        expect(page.locator("#scan-queue")).to_have_text("1 scan waiting to sync")
        check_accessibility(page)
        screenshot(page, "door-scanner-offline-en-phone")

        tab.context.set_offline(False)
        expect(result).to_contain_text(f"Checked in: {first_name}", timeout=20_000)
        expect(page.locator("#scan-queue")).to_be_hidden()
        expect(total).to_have_text(str(before + 1))
        check_accessibility(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # The ticket stays in front of the camera: it is not sent again. Typed, it is known.
        page.wait_for_timeout(1500)
        page.get_by_label("Code on the ticket", exact=True).fill(code.lower())
        page.get_by_role("button", name="Check in", exact=True).click()
        expect(result).to_contain_text(f"Already checked in: {first_name}")
        expect(total).to_have_text(str(before + 1))
        assert page.locator("#scan-log li").count() == 2
        check_accessibility(page)
        page.reload()
        expect(page.locator('[data-total="checked_in"]').first).to_have_text(str(before + 1))
        check_accessibility(page)
    finally:
        # The page's own requests while offline fail on purpose.
        tab.broken = [b for b in tab.broken if "ERR_INTERNET_DISCONNECTED" not in b]
        tab.close()
        phone_browser.close()


@pytest.mark.parametrize("lang", ("en", "ru", "pl"))
@pytest.mark.screenshots
def test_the_scanner_in_each_language(visit, live_server, lang):
    page = visit(viewport=PHONE)
    page.goto(f"{live_server.url}/{lang}/events/{EVENT}")
    check_accessibility(page)
    title = page.get_by_role("heading", level=1).inner_text()
    open_scanner(page, live_server, title, lang)
    page.get_by_label(t(lang, "Code on the ticket"), exact=True).fill("0000-0000-0000-0000")
    page.get_by_role("button", name=t(lang, "Check in"), exact=True).click()
    expect(page.locator("#scan-result")).to_contain_text(t(lang, "Unknown ticket"))
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"door-scanner-{lang}-phone")
