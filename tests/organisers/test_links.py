"""Each role is offered exactly what it may use: walking the organiser pages from the dashboard
as each member of a campaign's team, every link shown opens (200), every button shown posts
to a route the role holds the power for, and nothing the owner sees on the same page that
would open for the role is hidden from it."""
import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest

from campaign.organisers.access import ACCOUNT
from campaign.organisers.roles import Role, has_power
from tests.factories import log_in
from tests.organisers.test_access import world  # noqa: F401  (the fixture: one of everything)

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*\baction="([^"]+)"', re.I)
#: Pages a crawl opens at most (pagination and filters could go on for long).
MAX_PAGES = 120


def _organiser_urls(pattern, html: str) -> set[str]:
    found = set()
    for raw in pattern.findall(html):
        url = unescape(raw)
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/organiser"):
            continue
        if parts.path.startswith(("/organiser/login", "/organiser/logout")):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


class Member:
    """A signed-in member who remembers what each URL answered."""

    def __init__(self, app, who: str):
        self.app, self.client, self.answers = app, app.test_client(), {}
        log_in(self.client, f"{who}@example.org")

    def get(self, url: str):
        response = self.client.get(url)
        body = response.get_data(as_text=True)  # a streamed export runs to its end
        self.answers[url] = response.status_code
        return response.status_code, body

    def status(self, url: str) -> int:
        if url not in self.answers:
            self.get(url)
        return self.answers[url]


def _power_for_post(app, url: str) -> str | None:
    adapter = app.url_map.bind("campaign.test")
    endpoint, _args = adapter.match(urlsplit(url).path, method="POST")
    rule = getattr(app.view_functions[endpoint], "organiser_access", None)
    return rule.power_for("POST") if rule else None


def _crawl(member: Member) -> dict[str, str]:
    """The organiser pages reachable from the dashboard by following links: url → html."""
    pages, queue = {}, deque(["/organiser/"])
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        if url in pages:
            continue
        status, html = member.get(url)
        if status != 200 or "text/html" not in (member.client.get(url).content_type or ""):
            pages[url] = ""
            continue
        pages[url] = html
        queue.extend(sorted(_organiser_urls(LINK, html) - set(pages)))
    return pages


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.DOOR, Role.VIEWER, Role.OWNER])
def test_the_links_and_buttons_shown_are_exactly_those_that_work(app, world, role):
    member, owner = Member(app, role.value), Member(app, "owner")
    pages = _crawl(member)
    assert len(pages) > 1
    for url, html in pages.items():
        if not html:
            continue
        shown = _organiser_urls(LINK, html)
        broken = {link: member.status(link) for link in shown if member.status(link) != 200}
        assert broken == {}, (role, url, broken)
        for action in _organiser_urls(FORM, html):
            power = _power_for_post(app, action)
            assert power is not None, (url, action)
            assert power == ACCOUNT or has_power(role, power), (role, url, action, power)
        # What the owner is offered on the same page and would open for this role too.
        _status, owners_html = owner.get(url)
        hidden = {link for link in _organiser_urls(LINK, owners_html) - shown
                  if member.status(link) == 200}
        assert hidden == set(), (role, url, hidden)
        hidden_buttons = {action for action in _organiser_urls(FORM, owners_html)
                          - _organiser_urls(FORM, html)
                          if has_power(role, _power_for_post(app, action) or "manage_team")}
        assert hidden_buttons == set(), (role, url, hidden_buttons)
