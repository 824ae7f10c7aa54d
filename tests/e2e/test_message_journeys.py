"""An organiser writes to an event's attendees, previews, sends and watches it go out."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, check_accessibility, login, text_of
from tests.e2e.test_organiser_journeys import create_event
from tests.e2e.test_rsvp_journeys import confirm, register

ATTENDEES = (("en", "Grace Hopper", "msg-en@example.org"),
             ("ru", "Софья Ковалевская", "msg-ru@example.org"),
             ("pl", "Maria Skłodowska", "msg-pl@example.org"))


def test_an_organiser_messages_the_attendees_and_watches_it_go_out(visit, live_server,
                                                                   mailbox):
    titles = {"en": "Messages evening", "ru": "Вечер сообщений"}
    organiser = visit()
    create_event(organiser, live_server, "messages-evening", titles, capacity=20)
    supporter = visit(viewport=PHONE)
    for lang, name, email in ATTENDEES:
        supporter.goto(f"{live_server.url}/{lang}/events/messages-evening")
        check_accessibility(supporter)
        register(supporter, lang, name, email)
        confirm(supporter, mailbox, lang, email)  # the link, then the confirmation

    organiser.goto(f"{live_server.url}/organiser/")
    check_accessibility(organiser)
    organiser.locator("section.campaign-card").filter(has_text="Kazakhstan").get_by_role(
        "link", name="Messages").click()
    organiser.wait_for_url(re.compile(r"/organiser/messages/campaign/\d+$"))
    check_accessibility(organiser)
    organiser.get_by_role("link", name="New message").click()
    organiser.wait_for_url(re.compile(r"/new$"))
    check_accessibility(organiser)

    organiser.get_by_label("To", exact=True).select_option(
        label="Confirmed attendees of Messages evening")
    english = organiser.locator("fieldset.language-section[lang=en]")
    english.get_by_label("Subject (also the update's title)").fill("Bring a candle")
    english.get_by_label("Message (Markdown)").fill("See you **on Friday**.")
    russian = organiser.locator("fieldset.language-section[lang=ru]")
    russian.get_by_label("Subject (also the update's title)").fill("Возьмите свечу")
    russian.get_by_label("Message (Markdown)").fill("До встречи **в пятницу**.")
    organiser.get_by_role("button", name="Save and preview").click()
    organiser.wait_for_url(re.compile(r"/organiser/messages/\d+$"))
    check_accessibility(organiser)

    assert organiser.get_by_text("3 people will receive it.").is_visible()
    per_language = organiser.locator("ul.per-language li")
    assert sorted(per_language.all_inner_texts()) == ["English: 1", "Polski: 1", "Русский: 1"]
    assert organiser.get_by_text("No text in Polski: 1 person who speaks it will receive the "
                                 "message in English.").is_visible()
    preview = organiser.locator("article.preview[lang=ru]")
    assert preview.get_by_text("Возьмите свечу").is_visible()
    assert preview.locator("strong", has_text="в пятницу").is_visible()

    organiser.get_by_role("button", name="Send to 3 people").click()
    organiser.get_by_text("Sending has started.").wait_for()
    check_accessibility(organiser)
    expect(organiser.locator('[data-progress="percent"]')).to_have_text(
        "100 %", timeout=30_000)  # the script updates it; nobody reloads
    assert organiser.locator('[data-progress="sent"]').inner_text() == "3"
    assert organiser.locator('[data-progress="failed"]').inner_text() == "0"

    subjects = {"en": "Bring a candle", "ru": "Возьмите свечу", "pl": "Bring a candle"}
    for lang, _name, email in ATTENDEES:
        message = mailbox.wait(email, count=3)
        assert message["Subject"] == subjects[lang]
        assert [m["Subject"] for m in mailbox.to(email)].count(subjects[lang]) == 1
    assert "До встречи в пятницу." in text_of(mailbox.wait("msg-ru@example.org", count=3))

    assert organiser.get_by_role("button", name="Cancel this message").count() == 0

    organiser.reload()  # without the script, a reload shows the same
    check_accessibility(organiser)
    assert organiser.locator('[data-progress="percent"]').inner_text() == "100 %"

    organiser.get_by_role("button", name="Duplicate this message").click()
    organiser.wait_for_url(re.compile(r"/organiser/messages/\d+/edit$"))
    check_accessibility(organiser)
    assert organiser.get_by_text("This is a copy of “Bring a candle”").is_visible()
    expect(russian.get_by_label("Subject (also the update's title)")).to_have_value(
        "Возьмите свечу")
    expect(organiser.get_by_label("To", exact=True)).to_have_value(
        re.compile(r"^event_attendees:\d+$"))


def test_the_time_zone_list_can_be_searched(visit, live_server):
    organiser = visit()
    login(organiser, live_server)
    check_accessibility(organiser)
    organiser.locator("section.campaign-card").filter(has_text="Kazakhstan").get_by_role(
        "link", name="Events").click()
    organiser.wait_for_url(re.compile(r"/organiser/events/campaign/\d+$"))
    check_accessibility(organiser)
    organiser.get_by_role("link", name="New event").click()
    organiser.wait_for_url(re.compile(r"/new$"))
    zone = organiser.get_by_label("Time zone", exact=True)
    everything = zone.locator("option").count()
    organiser.get_by_label("Find a zone: type a city or region").fill("new york")
    expect(zone.locator("option")).to_have_count(1)
    expect(zone).to_have_value("America/New_York")
    organiser.get_by_label("Find a zone: type a city or region").fill("")
    expect(zone.locator("option")).to_have_count(everything)
    assert zone.locator("optgroup").first.get_attribute("label") == "Common zones"
    check_accessibility(organiser)
