"""An owner creates an API token in the browser, copies it once, a program uses it against
the live server, and the owner revokes it."""
import json
import re
import urllib.error
import urllib.request

from tests.e2e.conftest import check_accessibility, login


def _call(server, token, path="/api/v1/events"):
    request = urllib.request.Request(server.url + path,
                                     headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_an_owner_creates_uses_and_revokes_a_token(visit, live_server):
    page = visit()
    login(page, live_server)
    check_accessibility(page)
    page.locator("section.campaign-card").filter(has_text="Kazakhstan").get_by_role(
        "link", name="API tokens").click()
    page.wait_for_url(re.compile(r"/organiser/api/campaign/\d+/tokens$"))
    check_accessibility(page)
    page.get_by_label("What it is for (e.g. CRM sync, our website)").fill("Website")
    page.get_by_label("Role: the token can do what a member with this role can").select_option(
        "viewer")
    page.get_by_role("button", name="Create the token").click()
    check_accessibility(page)
    token = page.get_by_label("New token").input_value()
    assert token.startswith("cmp_")
    status, body = _call(live_server, token)
    assert status == 200 and body["total_records"] >= 1
    assert _call(live_server, token, "/api/v1/people")[0] == 403  # a viewer's token
    page.goto(page.url)  # the list again: the token itself is not shown any more
    assert token not in page.content()
    row = page.locator("tr", has_text="Website")
    assert row.get_by_text(re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")).count() == 2  # last used
    row.get_by_role("button", name="Revoke").click()
    check_accessibility(page)
    assert _call(live_server, token)[0] == 401
