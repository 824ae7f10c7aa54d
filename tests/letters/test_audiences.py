"""Supporters who wrote are an audience of messages and reminders, like signers."""
from campaign.extensions import db
from campaign.letters import operations
from campaign.letters.models import Letter
from campaign.messages.audiences import Audience, count, recipients
from campaign.messages.forms import audience_choices
from campaign.petitions import operations as petition_operations
from tests.letters.helpers import create_action
from tests.petitions.helpers import create_petition


def wrote(action, email, updates=True, confirm=True, lang="en"):
    operations.write(action, name="Writer", email=email, country="PL", subject="S", body="B",
                     updates=updates, lang=lang)
    letter = db.session.scalar(db.select(Letter).where(Letter.email == email))
    if confirm:
        operations.confirm(letter)
    db.session.commit()


def addresses(audience, scope_id):
    return [r.email for r in recipients(audience, scope_id)]


def test_writers_who_opted_in_unless_the_message_is_about_their_letter(app):
    action = create_action()
    wrote(action, "news@example.org")
    wrote(action, "quiet@example.org", updates=False)
    wrote(action, "pending@example.org", confirm=False)
    assert addresses(Audience.LETTER_WRITERS, action.id) == ["news@example.org"]
    assert addresses(Audience.LETTER_ALL_WRITERS, action.id) == ["news@example.org",
                                                                 "quiet@example.org"]


def test_campaign_supporters_include_writers_once_each(app):
    action = create_action()
    petition = create_petition(action.campaign)
    signature = petition_operations.record_verified_signature(
        petition, name="Both", email="both@example.org", country="PL", lang="pl")
    signature.updates = True
    db.session.commit()
    wrote(action, "both@example.org", lang="ru")
    wrote(action, "writer@example.org")
    reached = {r.email: r.lang for r in recipients(Audience.CAMPAIGN_SUPPORTERS,
                                                    action.campaign_id)}
    assert reached == {"both@example.org": "ru", "writer@example.org": "en"}
    assert count(Audience.CAMPAIGN_SUPPORTERS, action.campaign_id) == 2


def test_the_compose_form_offers_the_writers_of_each_action(app):
    action = create_action()
    with app.test_request_context("/en/"):
        labels = dict(audience_choices(action.campaign))
    assert labels[f"letter_writers:{action.id}"] == (
        "Supporters who wrote “Write to your MEPs” and opted in to updates")


def test_erased_writers_are_nobody_s_audience(app):
    """A writer who erased their letter ("your data") is not written to, nor counted."""
    from campaign import clock

    action = create_action()
    wrote(action, "stays@example.org")
    wrote(action, "gone@example.org")
    letter = db.session.scalar(db.select(Letter).where(Letter.email == "gone@example.org"))
    letter.erased_at = clock.now()
    db.session.commit()
    assert addresses(Audience.LETTER_ALL_WRITERS, action.id) == ["stays@example.org"]
    assert count(Audience.LETTER_ALL_WRITERS, action.id) == 1
