"""Signing with double opt-in, followed through the outbox: the mail, its link, the count."""
import re
import datetime as dt

import pytest
from blinker import Signal

from campaign import clock
from campaign.campaigns import signals as campaign_signals
from campaign.extensions import db
from campaign.mailing.render import render_row
from campaign.petitions import counter
from campaign.petitions.models import SignatureState
from tests.petitions.helpers import create_petition, link_in, outbox, sign, signatures


def test_signing_mails_a_link_that_verifies_and_counts_the_signature(client, app):
    petition = create_petition()
    response = sign(client, petition, public="y", updates="y", comment="Free them all")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/petitions/stop-torture/check-email")
    assert "check your e-mail" in client.get(response.headers["Location"]).get_data(as_text=True)

    [signature] = signatures()
    assert signature.state == SignatureState.PENDING
    assert (signature.public, signature.updates, signature.comment) == (True, True,
                                                                        "Free them all")
    assert counter.count(petition.id, fresh=True) == 0
    [mail] = outbox("petition_verification")
    assert mail.to_address == "anna@example.org"
    rendered = render_row(mail)
    assert rendered.subject == "Please confirm your signature: Stop torture"
    assert "Hello Anna Kowalska" in rendered.text

    page = client.post(link_in(mail))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Thank you: your signature counts" in html
    assert "1 signature" in html
    db.session.expire_all()
    assert signatures()[0].state == SignatureState.VERIFIED
    assert counter.count(petition.id, fresh=True) == 1


def test_the_page_shows_the_count_goal_and_first_names_of_public_signers(client, app):
    petition = create_petition(goal=100)
    sign(client, petition, name="Marta Nowak", email="marta@example.org", country="PL",
         public="y")
    sign(client, petition, name="Hidden Person", email="hidden@example.org", country="DE")
    for mail in outbox("petition_verification"):
        client.post(link_in(mail))
    html = client.get("/en/petitions/stop-torture").get_data(as_text=True)
    assert "2 signatures" in html
    assert 'max="100" value="2"' in html
    assert "Marta" in html and "Poland" in html
    assert "Nowak" not in html
    assert "Hidden" not in html
    assert "marta@example.org" not in html


def test_a_used_link_followed_again_shows_the_thank_you_page_and_counts_once(client, app):
    petition = create_petition()
    sign(client, petition)
    link = link_in(outbox()[0])
    client.post(link)
    again = client.post(link)
    assert again.status_code == 200
    assert "Thank you: your signature counts" in again.get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 1


@pytest.mark.parametrize("first, second", [
    ("anna@example.org", "ANNA@Example.org "),
    ("anna.kowalska@gmail.com", "AnnaKowalska+petition@googlemail.com"),
    ("anna+one@outlook.com", "Anna+two@outlook.com"),
])
def test_signing_again_with_the_same_canonical_address_keeps_one_signature(
        client, app, first, second):
    petition = create_petition()
    one = sign(client, petition, email=first)
    two = sign(client, petition, email=second, name="Someone Else")
    assert one.status_code == two.status_code == 302
    assert one.headers["Location"] == two.headers["Location"]
    [signature] = signatures()
    assert signature.name == "Anna Kowalska"
    assert len(outbox()) == 1


def test_other_providers_keep_dots_and_tags_apart(client, app):
    petition = create_petition()
    sign(client, petition, email="a.b@example.org")
    sign(client, petition, email="ab@example.org")
    sign(client, petition, email="ab+x@example.org")
    assert len(signatures()) == 3


def test_signing_again_while_pending_resends_a_fresh_working_link_but_not_too_often(
        client, app, frozen_now):
    petition = create_petition()
    sign(client, petition)
    first_link = link_in(outbox()[0])  # the link is made when the mail is sent
    sign(client, petition)  # right away: the first mail is probably still on its way
    assert len(outbox()) == 1

    clock.advance(dt.timedelta(days=8))  # the first link has expired meanwhile
    sign(client, petition, email="Anna@example.org")
    first, second = outbox("petition_verification")
    assert first.key != second.key
    assert second.to_address == "anna@example.org"
    assert client.get(first_link).status_code == 410
    assert client.post(link_in(second)).status_code == 200
    assert counter.count(petition.id, fresh=True) == 1


def test_one_address_cannot_be_mail_bombed(client, app, frozen_now):
    petition = create_petition()
    sign(client, petition)
    for _ in range(20):
        clock.advance(dt.timedelta(hours=1))
        assert sign(client, petition).status_code == 302
    assert len(outbox()) == 1 + 5  # the first link and at most PETITION_RESEND_MAX more


def test_signing_again_after_verifying_mails_you_already_signed(client, app, frozen_now):
    petition = create_petition()
    sign(client, petition)
    client.post(link_in(outbox()[0]))
    clock.advance(dt.timedelta(minutes=11))
    response = sign(client, petition, email="anna@EXAMPLE.org")
    assert response.headers["Location"].endswith("/check-email")
    [mail] = outbox("petition_already_signed")
    rendered = render_row(mail)
    assert rendered.subject == "You have already signed: Stop torture"
    assert "You had already signed and your signature is counted" in rendered.text
    assert "https://campaign.test/en/petitions/stop-torture" in rendered.text
    assert counter.count(petition.id, fresh=True) == 1


def test_mail_goes_out_in_the_language_of_the_page(client, app):
    petition = create_petition(texts={"en": {"title": "Stop torture", "text": "Text"},
                                      "ru": {"title": "Остановите пытки", "text": "Текст"}})
    sign(client, petition, lang="ru")
    [mail] = outbox()
    assert mail.lang == "ru"
    assert "/ru/petitions/stop-torture/verify/" in link_in(mail)
    assert "Остановите пытки" in render_row(mail).text


def test_a_filled_honeypot_looks_like_success_but_records_nothing(client, app):
    petition = create_petition()
    response = sign(client, petition, website="http://spam.example")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/check-email")
    assert signatures() == [] and outbox() == []


def test_thank_you_page_offers_plain_share_links_and_the_next_event(client, app, monkeypatch):
    petition = create_petition()
    only_this = Signal()
    monkeypatch.setattr(campaign_signals, "next_event", only_this)

    def next_event(campaign):
        return campaign_signals.NextEvent("Protest in Brussels",
                                          "https://campaign.test/en/events/brussels",
                                          "Friday, 12:00")
    only_this.connect(next_event)
    sign(client, petition)
    html = client.post(link_in(outbox()[0])).get_data(as_text=True)
    assert "Protest in Brussels" in html and "https://campaign.test/en/events/brussels" in html
    assert "https://t.me/share/url?url=https%3A%2F%2Fcampaign.test%2Fen%2Fpetitions%2Fstop-torture" in html
    assert "https://x.com/intent/post?" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    assert 'href="mailto:?subject=Stop%20torture' in html
    # Plain links: the one script is the app's own progressive enhancement.
    assert re.findall(r"<script[^>]*>", html) == [
        s for s in re.findall(r"<script[^>]*>", html) if 'src="/static/js/enhance.js"' in s]


def test_thank_you_page_without_an_events_domain_has_no_event(client, app, monkeypatch):
    monkeypatch.setattr(campaign_signals, "next_event", Signal())  # nobody answers
    petition = create_petition()
    sign(client, petition)
    html = client.post(link_in(outbox()[0])).get_data(as_text=True)
    assert "Join us next" not in html


def test_a_closed_petition_shows_its_final_count_and_no_form(client, app):
    petition = create_petition(status="closed")
    html = client.get("/en/petitions/stop-torture").get_data(as_text=True)
    assert "This petition is closed" in html
    assert "0 signatures" in html
    assert 'name="email"' not in html
    assert sign(client, petition).status_code == 409
    assert signatures() == []


def test_a_petition_past_its_closing_moment_is_closed(client, app, frozen_now):
    petition = create_petition(closes_at=frozen_now + dt.timedelta(days=1))
    sign(client, petition)
    link = link_in(outbox()[0])
    clock.advance(dt.timedelta(days=2))
    assert 'name="email"' not in client.get("/en/petitions/stop-torture").get_data(as_text=True)
    late = client.post(link)
    assert late.status_code == 409
    assert "closed before your signature was confirmed" in late.get_data(as_text=True)
    assert counter.count(petition.id, fresh=True) == 0


def test_drafts_and_unknown_petitions_are_not_found(client, app):
    petition = create_petition(status="draft")
    assert client.get("/en/petitions/stop-torture").status_code == 404
    assert sign(client, petition).status_code == 404
    assert client.get("/en/petitions/nothing-here").status_code == 404


def test_the_campaign_page_lists_its_petitions_with_their_counts(client, app):
    petition = create_petition()
    create_petition(campaign=petition.campaign, slug="draft-one", status="draft",
                    texts={"en": {"title": "Secret draft", "text": "x"}})
    sign(client, petition)
    client.post(link_in(outbox()[0]))
    html = client.get("/en/campaigns/free-them").get_data(as_text=True)
    assert 'href="/en/petitions/stop-torture"' in html
    assert "1 signature" in html
    assert "Secret draft" not in html
    lead = html[:html.index('class="lead"')]  # before the story: count, progress, Sign
    assert "1 signature" in lead and "<progress" in lead
    assert 'href="/en/petitions/stop-torture#sign">Sign</a>' in lead


def test_a_petition_not_yet_open_says_when_it_opens(client, app, frozen_now):
    petition = create_petition(opens_at=frozen_now + dt.timedelta(days=3))
    html = client.get("/en/petitions/stop-torture").get_data(as_text=True)
    assert "Signing opens on 4 December 2026." in html
    assert 'name="email"' not in html
    assert sign(client, petition).status_code == 409
    clock.advance(dt.timedelta(days=3))
    assert sign(client, petition).status_code == 302


def test_verified_signers_who_asked_for_updates_are_listed_for_the_campaign(client, app):
    from campaign.petitions.queries import update_subscribers
    petition = create_petition()
    other = create_petition(campaign=petition.campaign, slug="second",
                            texts={"en": {"title": "Second", "text": "x"}})
    sign(client, petition, email="news@example.org", updates="y")
    sign(client, other, email="News@example.org", updates="y", lang="ru")
    sign(client, petition, email="quiet@example.org")
    sign(client, petition, email="pending@example.org", updates="y")
    for mail in outbox()[:3]:
        client.post(link_in(mail))
    assert [tuple(row) for row in update_subscribers(petition.campaign_id)] == [
        ("news@example.org", "en")]
