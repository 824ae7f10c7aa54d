"""After signing (issue 19): "check your e-mail" with a throttled "send again" that answers the
same for any address, share links; the thank-you page invites a friend; typo hints and "too
long" are said without losing what was typed."""
import datetime as dt
import re
from html import unescape

from campaign import clock
from tests.petitions.helpers import create_petition, link_in, outbox, sign

CHECK = "/en/petitions/stop-torture/check-email"


def flashes(html: str) -> list[str]:
    return [unescape(text) for text in re.findall(r'<p class="flash flash-\w+">(.*?)</p>', html)]


def send_again(client) -> list[str]:
    response = client.post(CHECK)
    assert response.status_code == 302
    return flashes(client.get(CHECK).get_data(as_text=True))


def mailed(to="anna@example.org") -> int:
    return len([m for m in outbox() if m.to_address == to and m.status.value != "cancelled"])


def test_send_again_waits_its_turn_then_sends_the_same_link(client, app):
    clock.set_now(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    petition = create_petition()
    assert sign(client, petition).status_code == 302
    html = client.get(CHECK).get_data(as_text=True)
    assert "Send the e-mail again" in html and "anna@example.org" not in html
    assert "https://t.me/share/url?url=https%3A%2F%2Fcampaign.test%2Fen%2Fpetitions%2Fstop-torture" in html
    assert "I have signed" not in html  # not before the signature is confirmed
    clock.set_now(clock.now() + dt.timedelta(minutes=4))
    assert send_again(client) == [
        "We have just sent it: you can ask for the e-mail again in 6 minutes."]
    assert mailed() == 1
    clock.set_now(clock.now() + dt.timedelta(minutes=6))
    assert send_again(client)[0].startswith("We have sent the e-mail again")
    assert mailed() == 2
    assert link_in(outbox()[-1]).startswith("/en/petitions/stop-torture/verify/")


def test_send_again_answers_the_same_for_a_signer_and_a_new_address(app):
    clock.set_now(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    petition = create_petition()
    sign(app.test_client(), petition, email="signed@example.org")
    start = clock.now() + dt.timedelta(hours=1)
    seen = {}
    for email in ("signed@example.org", "new@example.org"):
        clock.set_now(start)
        client = app.test_client()
        sign(client, petition, email=email)
        answers = []
        for minutes in (1, 10, 1):
            clock.set_now(clock.now() + dt.timedelta(minutes=minutes))
            answers.append(send_again(client))
        seen[email] = answers
    assert seen["signed@example.org"] == seen["new@example.org"]


def test_the_thank_you_page_invites_a_friend(client, app):
    petition = create_petition()
    sign(client, petition)
    html = client.post(link_in(outbox()[0])).get_data(as_text=True)
    invite = unescape(re.search(r'href="(mailto:\?[^"]+)"[^>]*>Invite a friend', html).group(1))
    assert "subject=Stop%20torture" in invite
    assert "I%20have%20signed%20the%20petition" in invite
    assert "campaign.test%2Fen%2Fpetitions%2Fstop-torture" in invite


def test_a_likely_typo_is_pointed_out_and_a_second_submit_keeps_the_address(client, app):
    petition = create_petition()
    response = sign(client, petition, email="anna@wp.pll", comment="Long thoughts")
    html = unescape(response.get_data(as_text=True))
    assert "Did you mean <strong>anna@wp.pl</strong>?" in html
    assert 'value="anna@wp.pll"' in html and "Long thoughts" in html
    assert outbox() == []
    assert sign(client, petition, email="anna@wp.pll", email_kept="anna@wp.pll").status_code == 302
    assert [m.to_address for m in outbox()] == ["anna@wp.pll"]


def test_a_too_long_comment_is_said_and_kept_whole(client, app):
    petition = create_petition()
    comment = "słowo " * 200
    html = unescape(sign(client, petition, comment=comment).get_data(as_text=True))
    assert "Comment is too long: at most 1000 characters (you typed 1199)." in html
    assert comment.strip() in html
    assert 'data-maxlength="1000"' in html and not re.search(r"\smaxlength=", html)


def test_send_again_does_nothing_for_an_erased_signature(app):
    """Erased from "your data" in another tab: the button must not bring the mail back."""
    from campaign.extensions import db
    from campaign.petitions import operations
    from campaign.petitions.models import Signature

    petition = create_petition()
    operations.sign(petition, name="Anna", email="anna@example.org", country="PL",
                    comment=None, public=False, updates=False, lang="en", ip_hash=None)
    db.session.commit()
    signature = db.session.scalar(db.select(Signature))
    signature.erased_at = clock.now()
    db.session.commit()
    before = len(outbox())
    assert operations.mail_again(signature.id) is None
    assert len(outbox()) == before
