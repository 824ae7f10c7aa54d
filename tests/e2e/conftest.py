"""Browser journeys: the real app under gunicorn, Debian's Chromium driven by Playwright.

The app runs in its own processes (gunicorn, and the mail worker once it exists) on a fresh
SQLite database with the demo campaign. Every page is checked with axe-core, and any request
to a host other than the app's own fails the test.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The app served by gunicorn on a free port, with its own instance folder and database."""

    def __init__(self, workdir: Path, extra_env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.env = {**os.environ,
                    "CAMPAIGN_SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/e2e.sqlite",
                    "CAMPAIGN_SECRET_KEY": "e2e-secret", "CAMPAIGN_BASE_URL": self.url,
                    "CAMPAIGN_RATELIMIT_ENABLED": "false", **(extra_env or {})}
        self.processes = []

    def flask(self, *args) -> str:
        result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args],
                                cwd=ROOT, env=self.env, capture_output=True, text=True,
                                check=True, timeout=120)
        return result.stdout

    def start(self):
        self.flask("db", "upgrade")
        output = self.flask("campaign", "demo")
        self.organiser_password = output.split("organiser@example.org / ")[1].split()[0]
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{self.port}",
             "--access-logfile", "-", "wsgi:app"], cwd=ROOT, env=self.env,
            stdout=subprocess.DEVNULL, stderr=open(self.workdir / "gunicorn.log", "w")))
        if "worker" in self.flask("campaign", "--help"):
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "campaign", "worker",
                 "--interval", "0.5"], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                stderr=open(self.workdir / "worker.log", "w")))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the app did not start: " + (self.workdir / "gunicorn.log").read_text())

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("e2e")).start()
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


@pytest.fixture
def has_chromium():
    return shutil.which("chromium") is not None
