"""Owners invite by e-mail with a role; the invitee joins through a single-use, expiring link
(a new account sets name and password; an existing one signs in); owners revoke."""
import datetime as dt

from campaign import clock
from campaign.extensions import db
from campaign.organisers import teams
from campaign.organisers.operations import find_organiser
from campaign.organisers.roles import Role
from tests.factories import PASSWORD, create_campaign, create_organiser, log_in, page_text
from tests.organisers.helpers import link_in, mails_to, rendered

NEW_PASSWORD = "a long new password"


def _owner(app):
    campaign = create_campaign(owners=[])
    create_organiser("owner@example.org", name="Olga", roles={campaign: Role.OWNER})
    client = app.test_client()
    log_in(client, "owner@example.org")
    return campaign, client


def _invite(client, campaign, email="vol@example.org", role="door"):
    return client.post(f"/organiser/team/campaign/{campaign.id}/invite",
                       data={"email": email, "role": role}, follow_redirects=True)


def test_an_invitee_sets_a_name_and_password_and_joins_in_the_role(app):
    campaign, owner = _owner(app)
    assert "Invitation sent to vol@example.org." in page_text(_invite(owner, campaign))
    assert "vol@example.org" in page_text(owner.get(f"/organiser/team/campaign/{campaign.id}"))
    [mail] = mails_to("vol@example.org", "team_invitation")
    assert mail.campaign_id == campaign.id
    text = rendered(mail).text
    assert "Olga invites you" in text and "Door" in text and "7 days" in text
    link = link_in(mail)
    assert "vol@example.org" not in link  # only the random token travels in the link

    volunteer = app.test_client()
    form = page_text(volunteer.get(link))
    assert "This invitation is for vol@example.org." in form and "Your name" in form
    response = volunteer.post(link, data={"name": "Vera", "password": NEW_PASSWORD,
                                          "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert volunteer.get(f"/organiser/events/campaign/{campaign.id}/door").status_code == 200
    assert volunteer.get(f"/organiser/team/campaign/{campaign.id}").status_code == 403
    assert teams.membership(find_organiser("vol@example.org").id, campaign.id).role == Role.DOOR
    # Single use: the link is spent, and the mail would no longer be sent.
    assert app.test_client().get(link).status_code == 404
    assert rendered(mails_to("vol@example.org", "team_invitation")[0]) is None


def test_bad_input_keeps_what_was_typed(app):
    campaign, owner = _owner(app)
    _invite(owner, campaign)
    link = link_in(mails_to("vol@example.org", "team_invitation")[0])
    response = app.test_client().post(link, data={"name": "Vera", "password": "short",
                                                  "confirm": "other"})
    page = page_text(response)
    assert response.status_code == 200
    assert "Use at least 10 characters." in page and 'value="Vera"' in response.text
    response = _invite(owner, campaign, email="not an address")
    assert response.status_code == 400 and "Enter an e-mail address." in page_text(response)


def test_an_existing_account_accepts_by_signing_in(app):
    campaign, owner = _owner(app)
    other = create_campaign(slug="other", owners=[])
    create_organiser("known@example.org", roles={other: Role.OWNER})
    _invite(owner, campaign, email="Known@Example.org", role="viewer")
    link = link_in(mails_to("known@example.org", "team_invitation")[0])
    known = app.test_client()
    assert "enter its password to accept" in page_text(known.get(link))
    assert "The password is not right." in page_text(known.post(link, data={"password": "no"}))
    assert known.post(link, data={"password": PASSWORD}).status_code == 302
    log_in(known, "known@example.org")
    assert known.get(f"/organiser/events/campaign/{campaign.id}/door").status_code == 403
    organiser = find_organiser("known@example.org")
    assert teams.membership(organiser.id, campaign.id).role == Role.VIEWER
    assert teams.membership(organiser.id, other.id).role == Role.OWNER


def test_revoked_and_expired_invitations_do_not_open(app):
    campaign, owner = _owner(app)
    _invite(owner, campaign, email="late@example.org")
    _invite(owner, campaign, email="gone@example.org")
    late = link_in(mails_to("late@example.org", "team_invitation")[0])
    gone_mail = mails_to("gone@example.org", "team_invitation")[0]
    gone = link_in(gone_mail)
    from campaign.organisers.models import Invitation
    invitation = db.session.scalar(db.select(Invitation).where(
        Invitation.email == "gone@example.org"))
    response = owner.post(f"/organiser/team/campaign/{campaign.id}/invitations/"
                          f"{invitation.id}/revoke", follow_redirects=True)
    assert "Invitation revoked." in page_text(response)
    assert "gone@example.org" not in page_text(response)
    assert app.test_client().get(gone).status_code == 404
    assert rendered(gone_mail) is None
    clock.advance(dt.timedelta(days=7, minutes=1))
    response = app.test_client().get(late)
    assert response.status_code == 404 and "no longer works" in page_text(response)
    assert app.test_client().get("/organiser/invitation/made-up").status_code == 404


def test_a_member_is_not_invited_twice_and_other_owners_cannot_revoke(app):
    campaign, owner = _owner(app)
    response = _invite(owner, campaign, email="owner@example.org")
    assert "This person is already on the team." in page_text(response)
    _invite(owner, campaign)
    from campaign.organisers.models import Invitation
    invitation = db.session.scalar(db.select(Invitation))
    create_organiser("elsewhere@example.org", roles={create_campaign(slug="b", owners=[]):
                                                      Role.OWNER})
    stranger = app.test_client()
    log_in(stranger, "elsewhere@example.org")
    assert stranger.post(f"/organiser/team/campaign/{campaign.id}/invitations/"
                         f"{invitation.id}/revoke").status_code == 404


def test_the_invitation_mail_speaks_the_owners_language(app):
    campaign, owner = _owner(app)
    owner.post(f"/organiser/team/campaign/{campaign.id}/invite",
               data={"email": "ru@example.org", "role": "organiser"},
               headers={"Accept-Language": "ru"})
    [mail] = mails_to("ru@example.org", "team_invitation")
    assert mail.lang == "ru"
    assert "Организатор" in rendered(mail).text
