"""The letter's "check your e-mail" page: a throttled "send again" that answers the same for
any address (issue 19), and the typo hint on the letter form."""
import datetime as dt
import re
from html import unescape

from campaign import clock
from tests.letters.helpers import create_action, link_in, outbox, write

CHECK = "/en/letters/write-meps/check-email"


def send_again(client) -> list[str]:
    assert client.post(CHECK).status_code == 302
    html = client.get(CHECK).get_data(as_text=True)
    return [unescape(text) for text in re.findall(r'<p class="flash flash-\w+">(.*?)</p>', html)]


def mailed(to) -> int:
    return len([m for m in outbox() if m.to_address == to and m.status.value != "cancelled"])


def test_send_again_waits_then_sends_the_confirmation_link(client, app):
    clock.set_now(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    action = create_action()
    assert write(client, action).status_code == 302
    assert "Send the e-mail again" in client.get(CHECK).get_data(as_text=True)
    assert send_again(client) == [
        "We have just sent it: you can ask for the e-mail again in 10 minutes."]
    clock.set_now(clock.now() + dt.timedelta(minutes=10))
    assert send_again(client)[0].startswith("We have sent the e-mail again")
    assert mailed("anna@example.org") == 2
    assert "/confirm/" in link_in(outbox()[-1])


def test_send_again_answers_the_same_for_a_writer_and_a_new_address(app):
    clock.set_now(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    action = create_action()
    write(app.test_client(), action, email="wrote@example.org")
    start = clock.now() + dt.timedelta(hours=1)
    seen = {}
    for email in ("wrote@example.org", "new@example.org"):
        clock.set_now(start)
        client = app.test_client()
        write(client, action, email=email)
        seen[email] = [send_again(client) for minutes in (1, 10, 1)
                       if clock.set_now(clock.now() + dt.timedelta(minutes=minutes)) or True]
    assert seen["wrote@example.org"] == seen["new@example.org"]


def test_a_likely_typo_is_pointed_out_and_the_letter_kept(client, app):
    action = create_action()
    html = unescape(write(client, action, email="anna@hotmial.com",
                          body="Dear MEP,\n\nMy own words.").get_data(as_text=True))
    assert "Did you mean <strong>anna@hotmail.com</strong>?" in html
    assert "My own words." in html and outbox() == []
