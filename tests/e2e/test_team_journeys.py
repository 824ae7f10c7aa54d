"""An owner invites a door volunteer by e-mail for one event; the volunteer joins on a phone,
checks someone in at the door of that event, and can open neither another event's door nor
the attendee list's CSV."""
import re

from tests.e2e.conftest import PHONE, check_accessibility, link_in
from tests.e2e.test_organiser_journeys import create_event
from tests.e2e.test_rsvp_journeys import confirm, register

VOLUNTEER = "door-volunteer-journey@example.org"


def test_an_owner_invites_a_door_volunteer_who_checks_someone_in(visit, live_server, mailbox):
    owner = visit()
    event_admin = create_event(owner, live_server, "door-journey", {"en": "Door journey"},
                               capacity=10)
    event_id = re.search(r"/organiser/events/(\d+)$", event_admin).group(1)
    supporter = visit(viewport=PHONE)
    supporter.goto(f"{live_server.url}/en/events/door-journey")
    check_accessibility(supporter)
    register(supporter, "en", "Malala Yousafzai", "malala-door@example.org")
    confirm(supporter, mailbox, "en", "malala-door@example.org")  # counts once confirmed

    owner.goto(f"{live_server.url}/organiser/")
    owner.get_by_role("region").filter(has_text="Kazakhstan").get_by_role(
        "link", name="Team").click()
    owner.wait_for_url(re.compile(r"/organiser/team/campaign/\d+$"))
    owner_team = owner.url
    check_accessibility(owner)
    owner.get_by_label("E-mail", exact=True).fill(VOLUNTEER)
    owner.get_by_label("Role", exact=True).select_option("door")
    owner.get_by_label(re.compile(r"^Door journey \(")).check()
    owner.get_by_role("button", name="Send the invitation").click()
    owner.get_by_text(f"Invitation sent to {VOLUNTEER}.").wait_for()
    check_accessibility(owner)

    invitation = mailbox.wait(VOLUNTEER)
    volunteer = visit(viewport=PHONE)
    volunteer.goto(link_in(invitation, r"^/organiser/invitation/"))
    check_accessibility(volunteer)
    volunteer.get_by_label("Your name", exact=True).fill("Vera")
    volunteer.get_by_label("New password", exact=True).fill("a long door password")
    volunteer.get_by_label("The same password again", exact=True).fill("a long door password")
    volunteer.get_by_role("button", name="Accept the invitation").click()
    volunteer.wait_for_url(re.compile(r"/organiser/$"))
    check_accessibility(volunteer)
    assert volunteer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert volunteer.get_by_role("link", name="Team").count() == 0

    volunteer.get_by_role("link", name="Check-in at the door").first.click()
    check_accessibility(volunteer)
    # Only the event the owner ticked; the demo's other events are not even listed.
    assert volunteer.locator("main ul.stack > li").count() == 1
    volunteer.get_by_role("link", name="Door journey").click()
    check_accessibility(volunteer)
    volunteer.get_by_label("Search by name", exact=True).fill("Malala")
    volunteer.get_by_role("button", name="Search").click()
    volunteer.wait_for_url(re.compile(r"/door\?q=Malala"))
    check_accessibility(volunteer)
    arrived = volunteer.locator(".attendee").filter(has_text="Malala")
    assert "Yousafzai" not in arrived.inner_text()
    assert "malala-door@example.org" not in volunteer.content()
    arrived.get_by_role("button", name="Check in").click()
    arrived.get_by_role("button", name="✓ Checked in").wait_for()
    check_accessibility(volunteer)

    # With the volunteer's own cookies (the page's request context), not a navigation.
    response = volunteer.request.get(
        f"{live_server.url}/organiser/events/{event_id}/attendees.csv")
    assert response.status == 403 and "malala-door@example.org" not in response.text()
    owner.goto(event_admin.rsplit("/", 1)[0] + "/campaign/"
               + re.search(r"/organiser/team/campaign/(\d+)", owner_team).group(1))
    others = {int(found) for found in re.findall(r"/organiser/events/(\d+)/door", owner.content())}
    others.discard(int(event_id))
    assert others, "the demo campaign has other events"
    for other in others:
        response = volunteer.request.get(f"{live_server.url}/organiser/events/{other}/door")
        assert response.status == 404
