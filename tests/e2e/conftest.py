"""Browser journeys: the real app under gunicorn, Debian's Chromium driven by Playwright.

The app runs in its own processes (gunicorn, and the mail worker once it exists) on a fresh
SQLite database with the demo campaign. Every page is checked with axe-core, and any request
to a host other than the app's own fails the test.
"""
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.server import AppServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: make screenshots writes to docs/screenshots; plain test runs keep theirs in build/.
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "screenshots"))
REQUIRE_E2E = os.environ.get("CAMPAIGN_REQUIRE_E2E") == "1"
#: Flags that keep Chromium from calling out to Google's services.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--disable-features=Translate,OptimizationHints,MediaRouter"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _skip(reason):
    if REQUIRE_E2E:
        pytest.fail(reason + " (CAMPAIGN_REQUIRE_E2E=1)")
    pytest.skip(reason)


def start_live_server(workdir: Path) -> AppServer:
    """gunicorn and the mail worker on a fresh SQLite database holding the demo campaign."""
    server = AppServer(workdir, {
        "CAMPAIGN_SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/e2e.sqlite",
        "CAMPAIGN_SECRET_KEY": "e2e-secret", "CAMPAIGN_RATELIMIT_ENABLED": "false"})
    server.flask("db", "upgrade")
    output = server.flask("campaign", "demo")
    server.organiser_password = output.split("organiser@example.org / ")[1].split()[0]
    return server.start(worker="worker" in server.flask("campaign", "--help"))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = start_live_server(tmp_path_factory.mktemp("e2e"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _skip(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser tab that records any request leaving the app's host."""

    def __init__(self, browser, server, viewport, java_script_enabled=True):
        self.server = server
        self.context = browser.new_context(viewport=viewport, locale="en-GB",
                                           java_script_enabled=java_script_enabled)
        self.foreign = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()

    def _guard(self, route):
        url = route.request.url
        if urlsplit(url).netloc == urlsplit(self.server.url).netloc or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def close(self):
        self.context.close()
        assert self.foreign == [], f"pages requested other hosts: {self.foreign}"


@pytest.fixture
def visit(browser, live_server):
    """``visit(viewport=PHONE)`` opens a fresh tab; checked for third-party requests after."""
    opened = []

    def open_tab(viewport=DESKTOP, java_script_enabled=True):
        tab = Visit(browser, live_server, viewport, java_script_enabled)
        opened.append(tab)
        return tab.page

    yield open_tab
    for tab in opened:
        tab.close()


def check_accessibility(page):
    """Run axe-core on the page; no serious or critical violations allowed."""
    if not AXE.exists():
        _skip(f"axe-core is not installed at {AXE} (npm ci)")
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], f"accessibility violations on {page.url}:\n{json.dumps(bad, indent=1)}"


def screenshot(page, name: str):
    """Save a full-page screenshot into docs/screenshots/ (``make screenshots``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
