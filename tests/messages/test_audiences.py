"""Who an audience reaches: the people an organiser expects, each once, never the unsubscribed."""
from campaign import clock
from campaign.events import rsvps as rsvp_operations
from campaign.extensions import db
from campaign.mailing import operations as mailing_operations
from campaign.messages.audiences import Audience, count, recipients
from campaign.petitions import operations as petition_operations
from tests.events.helpers import BEFORE, create_event, rsvp
from tests.factories import create_campaign
from tests.petitions.helpers import create_petition


def addresses(audience, scope_id):
    return [r.email for r in recipients(audience, scope_id)]


def signer(petition, email, lang="en", updates=True):
    signature = petition_operations.record_verified_signature(
        petition, name="Signer", email=email, country="PL", lang=lang)
    signature.updates = updates
    db.session.commit()
    return signature


def test_event_audiences_split_confirmed_waitlisted_and_checked_in(app):
    with clock.travel(BEFORE):
        event = create_event(create_campaign(), capacity=2)
        first = rsvp(event, "ala@example.org")
        rsvp(event, "ola@example.org", name="Ola")
        rsvp(event, "ela@example.org", name="Ela")  # no seat left: waiting list
        rsvp_operations.set_check_in(first, True)
        db.session.commit()
    assert addresses(Audience.EVENT_ATTENDEES, event.id) == ["ala@example.org",
                                                            "ola@example.org"]
    assert addresses(Audience.EVENT_WAITLIST, event.id) == ["ela@example.org"]
    assert addresses(Audience.EVENT_CHECKED_IN, event.id) == ["ala@example.org"]
    assert count(Audience.EVENT_ATTENDEES, event.id) == 2


def test_petition_signers_are_those_who_opted_in_unless_it_is_about_their_signature(app):
    petition = create_petition()
    signer(petition, "yes@example.org")
    signer(petition, "no@example.org", updates=False)
    assert addresses(Audience.PETITION_SIGNERS, petition.id) == ["yes@example.org"]
    assert addresses(Audience.PETITION_ALL_SIGNERS, petition.id) == ["no@example.org",
                                                                    "yes@example.org"]


def test_campaign_supporters_get_one_message_each_in_their_latest_language(app):
    campaign = create_campaign()
    petition = create_petition(campaign)
    with clock.travel(BEFORE):
        event = create_event(campaign)
        rsvp(event, "ala@example.org", lang="pl", wants_updates=True)
        rsvp(event, "quiet@example.org", wants_updates=False)
    signer(petition, "ala@example.org", lang="ru")  # later than her RSVP: Russian wins
    signer(petition, "olga@example.org", lang="ru")
    signer(petition, "silent@example.org", updates=False)
    people = {r.email: r.lang for r in recipients(Audience.CAMPAIGN_SUPPORTERS, campaign.id)}
    assert people == {"ala@example.org": "ru", "olga@example.org": "ru"}
    assert count(Audience.CAMPAIGN_SUPPORTERS, campaign.id) == 2
    refs = {r.ref for r in recipients(Audience.CAMPAIGN_SUPPORTERS, campaign.id)}
    assert len(refs) == 2 and not any("@" in ref for ref in refs)


def test_other_campaigns_supporters_are_not_reached(app):
    mine, theirs = create_campaign(), create_campaign(slug="other")
    signer(create_petition(theirs, slug="other-petition"), "them@example.org")
    assert addresses(Audience.CAMPAIGN_SUPPORTERS, mine.id) == []


def test_unsubscribed_people_are_left_out_also_about_their_signature(app):
    petition = create_petition()
    signer(petition, "gone@example.org")
    signer(petition, "stays@example.org")
    mailing_operations.unsubscribe("Gone@Example.org")
    db.session.commit()
    assert addresses(Audience.PETITION_SIGNERS, petition.id) == ["stays@example.org"]
    assert count(Audience.PETITION_SIGNERS, petition.id) == 1
    assert addresses(Audience.PETITION_ALL_SIGNERS, petition.id) == ["stays@example.org"]
