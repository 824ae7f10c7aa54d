"""The supporter's path: country → targets → letter → e-mail → a button that sends."""
import datetime as dt

import pytest

from campaign import clock

from campaign.extensions import db
from campaign.letters.models import DeliveryState, LetterState
from campaign.mailing.render import render_row
from tests.factories import page_text
from tests.letters.helpers import (confirm_all, create_action, deliveries, letters, link_in,
                                   outbox, write)


def test_the_page_shows_the_targets_of_the_chosen_country_and_the_suggested_letter(client, app):
    create_action()
    page = client.get("/en/letters/write-meps?country=PL")
    text = page_text(page)
    assert page.status_code == 200
    assert "Jan Kowalski" in text and "Ewa Nowak" in text
    assert "Bart Staes" not in text
    html = page.get_data(as_text=True)
    assert 'name="subject"' in html and 'value="Political prisoners first"' in html
    assert "Please act." in html
    for name in ("country", "name", "email", "consent", "updates", "subject", "body"):
        assert f'name="{name}"' in html


@pytest.mark.parametrize("lang, preselected", [("pl", "PL"), ("en", None), ("ru", None)])
def test_the_country_is_preselected_from_the_page_language_only(client, app, lang, preselected):
    create_action()
    html = client.get(f"/{lang}/letters/write-meps",
                      headers={"X-Forwarded-For": "203.0.113.9"}).get_data(as_text=True)
    assert ('<option value="PL" selected>' in html) == (preselected == "PL")
    assert ("Jan Kowalski" in html) == (preselected == "PL")


@pytest.mark.parametrize("lang, subject, button", [
    ("ru", "Подтвердите ваше письмо: Напишите депутатам", "Отправить моё письмо"),
    ("pl", "Potwierdź swój list: Napisz do europosłów", "Wyślij mój list")])
def test_writing_in_ru_and_pl_mails_a_link_whose_page_sends_only_by_its_button(
        client, app, lang, subject, button):
    create_action()
    response = write(client, action=letters_action(), lang=lang, name="Ольга Кравец")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/{lang}/letters/write-meps/check-email")
    [letter] = letters()
    assert (letter.state, letter.lang, letter.country) == (LetterState.PENDING, lang, "PL")
    [mail] = outbox("letter_confirmation")
    rendered = render_row(mail)
    assert rendered.subject == subject
    assert "Jan Kowalski" in rendered.text and "Ewa Nowak" in rendered.text

    shown = client.get(link_in(mail))
    assert shown.status_code == 200
    assert shown.headers["Cache-Control"] == "no-store"
    assert button in shown.get_data(as_text=True)
    db.session.expire_all()
    assert letters()[0].state == LetterState.PENDING and deliveries() == []

    sent = client.post(link_in(mail))
    assert sent.status_code == 302
    db.session.expire_all()
    assert letters()[0].state == LetterState.CONFIRMED
    assert sorted(d.target.name for d in deliveries()) == ["Ewa Nowak", "Jan Kowalski"]
    assert all(d.state == DeliveryState.QUEUED for d in deliveries())


def letters_action():
    from campaign.letters.models import LetterAction
    return db.session.scalar(db.select(LetterAction))


def test_the_answer_is_the_same_whatever_the_address(client, app):
    action = create_action()
    first = write(client, action)
    again = write(client, action)
    other = write(client, action, email="someone.else@example.org")
    assert first.status_code == again.status_code == other.status_code == 302
    assert first.headers["Location"] == again.headers["Location"] == other.headers["Location"]


def test_one_letter_per_supporter_and_target_whatever_is_resubmitted(client, app):
    action = create_action()
    write(client, action, body="First version")
    write(client, action, email="Anna@Example.org", body="Second version")
    assert len(letters()) == 1
    assert letters()[0].body == "Second version"  # pending: the newest text is confirmed
    [mail] = outbox("letter_confirmation")  # the second came too soon for another mail
    link = link_in(mail)
    client.post(link)
    client.post(link)  # pressed twice
    clock.advance(dt.timedelta(minutes=11))
    write(client, action, body="Third version")
    db.session.expire_all()
    assert len(deliveries()) == 2
    assert letters()[0].body == "Second version"
    assert "already confirmed" in render_row(outbox("letter_confirmation")[-1]).text


def test_the_supporter_may_not_change_a_fixed_letter(client, app):
    action = create_action(body_editable=False, subject_editable=False)
    write(client, action, subject="Mine", body="My own words")
    [letter] = letters()
    assert (letter.subject, letter.body) == ("Political prisoners first",
                                             "Dear MEP,\n\nPlease act.")


def test_bad_input_is_explained_next_to_each_field_and_kept(client, app):
    action = create_action(max_body_length=100)
    page = write(client, action, name="", email="not-an-address", consent=None,
                 body="x" * 101)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "Please enter your name." in html
    assert "Please enter a valid e-mail address" in html
    assert "Please agree, or we cannot send your letter." in html
    assert "Please keep your letter under 100 characters." in html
    assert "x" * 101 in html and "not-an-address" in html
    assert letters() == []


def test_a_country_without_targets_cannot_be_written_from(client, app):
    action = create_action()
    page = write(client, action, country="FR")
    assert page.status_code == 200
    assert letters() == []
    assert client.get("/en/letters/write-meps?country=FR").status_code == 200


def test_a_link_mailed_before_random_link_keys_still_sends_the_letter(client, app):
    """Links mailed before migration 0017 signed the letter's id: they work until they
    expire, for a letter not erased, and only through the button."""
    from campaign.core.signing import make_token
    from campaign.letters.mail import TOKEN_PURPOSE

    action = create_action()
    write(client, action)
    letter = letters()[0]
    old_link = f"/en/letters/{action.slug}/confirm/{make_token(TOKEN_PURPOSE, letter.id)}"
    page = client.get(old_link)
    assert page.status_code == 200 and deliveries() == []
    client.post(old_link)
    assert letters()[0].state == LetterState.CONFIRMED and len(deliveries()) == 2
