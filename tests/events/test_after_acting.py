"""After the RSVP form: the page says what happened and what next (issue 19): "check your
e-mail" with a throttled "send again" that answers the same for any address, share and
invite links, calendar links on the manage page, the waiting list's number; mail-domain
typo hints and "too long" said in words instead of a silent cut."""
import datetime as dt
import re
from html import unescape

import pytest

from campaign import clock
from tests.events.helpers import (create_event, form, last_request_mail, outbox, register,
                                  rsvp)

URL = "/en/events/brussels-protest"
THANKS = URL + "/thanks"


def flashes(html: str) -> list[str]:
    return [unescape(text) for text in re.findall(r'<p class="flash flash-\w+">(.*?)</p>', html)]


def mailed(to="ala@example.org") -> int:
    """Request mails that will go out (a throttled form writes a cancelled row)."""
    return len([m for m in outbox("rsvp_request", to=to) if m.status.value != "cancelled"])


def send_again(client) -> list[str]:
    response = client.post(THANKS)
    assert response.status_code == 302 and response.headers["Location"].endswith("/thanks")
    return flashes(client.get(THANKS).get_data(as_text=True))


def test_the_check_mail_page_offers_send_again_share_and_invite(client, event):
    client.post(URL, data=form())
    html = client.get(THANKS).get_data(as_text=True)
    assert "Check your e-mail" in html
    assert "ala@example.org" not in html  # where the mail went, in general terms only
    assert "Send the e-mail again" in html
    share = "https://t.me/share/url?url=https%3A%2F%2Fcampaign.test%2Fen%2Fevents%2Fbrussels-protest"
    assert share in html
    invite = unescape(re.search(r'href="(mailto:\?[^"]+)"[^>]*>Invite a friend', html).group(1))
    assert "subject=Protest%20in%20Brussels" in invite
    assert "campaign.test%2Fen%2Fevents%2Fbrussels-protest" in invite


def test_a_visitor_who_sent_nothing_gets_no_button(client, event):
    html = client.get(THANKS).get_data(as_text=True)
    assert "Send the e-mail again" not in html
    assert "send the form again later" in html
    assert send_again(client) == [
        "Please send the form again: we only resend mail to the browser that sent the form."]


def test_send_again_waits_its_turn_and_says_how_long(client, event):
    client.post(URL, data=form())
    assert mailed() == 1
    clock.set_now(clock.now() + dt.timedelta(minutes=3))
    assert send_again(client) == [
        "We have just sent it: you can ask for the e-mail again in 7 minutes."]
    assert len(outbox("rsvp_request")) == 1
    clock.set_now(clock.now() + dt.timedelta(minutes=7, seconds=1))
    assert send_again(client) == ["We have sent the e-mail again to the address you gave. "
                                  "It can take a few minutes to arrive."]
    assert mailed() == 2
    assert "/confirm/" in last_request_mail().text


def test_send_again_stops_after_five_mails(client, event):
    client.post(URL, data=form())
    answers = []
    for _ in range(5):
        clock.set_now(clock.now() + dt.timedelta(minutes=11))
        answers.append(send_again(client)[0])
    assert [a.startswith("We have sent the e-mail again") for a in answers] == [True] * 4 + [False]
    assert answers[-1].startswith("We cannot send this e-mail again from here.")
    assert mailed() == 5


@pytest.mark.parametrize("registered", ["confirmed", "cancelled"])
def test_send_again_answers_the_same_for_a_registered_and_a_new_address(app, event,
                                                                         registered):
    known = rsvp(event, email="known@example.org")
    if registered == "cancelled":
        from campaign.events import rsvps as writes
        from campaign.extensions import db

        writes.cancel_rsvp(known, notify=False)
        db.session.commit()
    seen = {}
    start = clock.now()
    for email in ("known@example.org", "new@example.org"):
        clock.set_now(start)
        client = app.test_client()
        client.post(URL, data=form(email=email))
        answers = []
        for minutes in (1, 11, 1):
            clock.set_now(clock.now() + dt.timedelta(minutes=minutes))
            answers.append(send_again(client))
        seen[email] = answers
    assert seen["known@example.org"] == seen["new@example.org"]
    # The registered address gets its manage link again; the new one its confirmation link.
    assert mailed("known@example.org") == mailed("new@example.org") == 2


def test_the_manage_page_after_confirming_offers_calendar_share_and_invite(client, event):
    response = register(client)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your registration is confirmed." in html
    assert 'href="/en/events/brussels-protest.ics"' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    assert "Invite a friend by e-mail" in html and "https://t.me/share/url?" in html


def test_a_confirmation_onto_the_waiting_list_says_the_number(client, campaign):
    event = create_event(campaign, capacity=1)
    rsvp(event, email="first@example.org")
    rsvp(event, email="second@example.org")  # waiting, number 1
    response = register(client)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert ("Your registration is confirmed. The event is full: you are number 2 on the "
            "waiting list, and we will e-mail you as soon as a place is free.") in unescape(html)
    assert "https://calendar.google.com/" not in html  # no place yet: nothing to add
    assert "Invite a friend by e-mail" in html


def test_a_likely_typo_in_the_domain_is_pointed_out_once(client, event):
    response = client.post(URL, data=form(email="ala@gmial.com", name="Ala Nowak"))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Did you mean <strong>ala@gmail.com</strong>?" in html
    assert 'value="ala@gmial.com"' in html and 'value="Ala Nowak"' in html
    assert outbox() == []
    kept = client.post(URL, data=form(email="ala@gmial.com", email_kept="ala@gmial.com"))
    assert kept.status_code == 302
    assert [m.to_address for m in outbox()] == ["ala@gmial.com"]


@pytest.mark.parametrize("address", ["ala@gmail.com", "ala@uw.edu.pl", "ala@wp.pl",
                                     "ala@example.org"])
def test_real_domains_get_no_hint(client, event, address):
    assert client.post(URL, data=form(email=address)).status_code == 302


@pytest.mark.parametrize("lang, words", [
    ("en", "Your name is too long: at most 120 characters (you typed 130)."),
    ("ru", "не более 120 символов (вы ввели 130)"),
    ("pl", "najwyżej 120 znaków (wpisano 130)"),
])
def test_a_too_long_name_is_said_and_kept_whole(client, event, lang, words):
    name = "Ala " + "x" * 126
    response = client.post(f"/{lang}/events/brussels-protest", data=form(name=name))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert words in html
    assert f'value="{name}"' in html
    assert not re.search(r"\smaxlength=", html) and 'data-maxlength="120"' in html


def test_sending_the_form_again_at_once_says_no_mail_went_out(client, event):
    client.post(URL, data=form())
    clock.set_now(clock.now() + dt.timedelta(minutes=2))
    client.post(URL, data=form(email="ALA@example.org "))
    assert flashes(client.get(THANKS).get_data(as_text=True)) == [
        "You sent this form a moment ago, so we have not sent another e-mail yet. You can ask "
        "for it again in 8 minutes."]
    assert mailed() == 1
    client.post(URL, data=form(email="ala.nowak@example.org"))  # a corrected address: sent
    assert flashes(client.get(THANKS).get_data(as_text=True)) == []
    assert mailed("ala.nowak@example.org") == 1


def test_the_form_sent_again_later_counts_towards_the_five_mails(client, event):
    for _ in range(3):
        client.post(URL, data=form())
        clock.set_now(clock.now() + dt.timedelta(minutes=11))
    answers = [send_again(client)[0] for _ in range(3)
               if clock.set_now(clock.now() + dt.timedelta(minutes=11)) or True]
    assert [a.startswith("We have sent the e-mail again") for a in answers] == [True, True, False]
    assert mailed() == 5
