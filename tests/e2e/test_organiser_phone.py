"""Every organiser page on a 390 px phone: nothing scrolls sideways, charts keep their height."""
import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import PHONE, check_accessibility, login

#: Pages that are not HTML pages to look at, or that end the session.
SKIP = re.compile(r"(\.csv|\.ics|/logout|/export|/preview|/html)$")
LIMIT = 80


def organiser_pages(page, server):
    """The organiser pages reachable from the dashboard in two clicks (GET links only)."""
    seen, queue = [], [f"{server.url}/organiser/"]
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        yield url
        for href in page.eval_on_selector_all("main a[href]", "as => as.map(a => a.href)"):
            href = href.split("#")[0]
            path = urlsplit(href).path
            if (href.startswith(server.url) and path.startswith("/organiser/")
                    and not SKIP.search(path) and href not in seen and href not in queue):
                queue.append(href)


@pytest.mark.e2e
def test_no_organiser_page_scrolls_sideways_on_a_phone(visit, live_server):
    page = visit(viewport=PHONE)
    login(page, live_server)
    wide, visited = [], 0
    for url in organiser_pages(page, live_server):
        response = page.goto(url)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited += 1
        check_accessibility(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append((urlsplit(url).path, width))
        for height in page.eval_on_selector_all(
                "svg.chart, svg.sparkline", "ss => ss.map(s => s.getBoundingClientRect().height)"):
            assert 0 < height <= 200, (url, height)
    assert visited > 15
    assert wide == []
