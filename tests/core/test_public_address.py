"""Links point where the app is reached: BASE_URL follows PORT, a wrong one is reported, and
a configured language without a compiled catalog stops the start."""
import logging
import os
import re
import shutil
import subprocess
import time
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from pathlib import Path

import pytest

from campaign import create_app
from campaign.core.public_address import MissingCatalog
from campaign.mailing.links import unsubscribe_url
from tests.conftest import BASE_CONFIG
from tests.factories import PASSWORD, create_organiser
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "campaign" / "translations"


def test_unset_base_url_follows_the_port_the_app_is_served_on(monkeypatch):
    monkeypatch.delenv("CAMPAIGN_BASE_URL", raising=False)
    monkeypatch.setenv("PORT", "5921")
    app = create_app({**BASE_CONFIG, "BASE_URL": None})
    with app.app_context():
        link = unsubscribe_url("olga@example.org", "ru")
    assert link.startswith("http://127.0.0.1:5921/ru/")


def test_a_set_base_url_wins_over_the_port(monkeypatch):
    monkeypatch.setenv("PORT", "5921")
    app = create_app({**BASE_CONFIG, "BASE_URL": "https://campaign.example.org/"})
    assert app.config["BASE_URL"] == "https://campaign.example.org"


def test_a_language_without_compiled_catalog_stops_the_start(tmp_path):
    for lang in ("en", "ru", "pl"):
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(CATALOGS / lang / "LC_MESSAGES" / "messages.po", folder)
        if lang != "pl":
            (folder / "messages.mo").write_bytes(b"")
    config = {**BASE_CONFIG, "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)}
    with pytest.raises(MissingCatalog, match=r"for pl .*pybabel compile -d"):
        create_app(config)

    (tmp_path / "pl" / "LC_MESSAGES" / "messages.mo").write_bytes(b"")
    create_app(config)  # starts once every language is compiled


PUBLIC = "https://campaign.test"  # BASE_URL in tests/conftest.py


def _dashboard(client) -> str:
    return client.get("/organiser/", base_url=PUBLIC).get_data(as_text=True)


def test_a_host_other_than_base_url_is_logged_once_and_shown_to_organisers(app, caplog):
    client = app.test_client()
    create_organiser()
    client.post("/organiser/login", base_url=PUBLIC,
                data={"email": "organiser@example.org", "password": PASSWORD})
    assert "campaign.wrong" not in _dashboard(client)

    # A handler of its own on the app's logger: Alembic's logging setup (run by other tests in
    # this process) disables loggers made before it and may stop them reaching caplog.
    records = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    app.logger.disabled = False
    app.logger.addHandler(handler)
    try:
        client.get("/healthz", base_url="http://campaign.wrong:8080")
        client.get("/healthz", base_url="http://another.wrong")
    finally:
        app.logger.removeHandler(handler)
    warnings = [r.getMessage() for r in records if "BASE_URL" in r.getMessage()]
    assert len(warnings) == 1 and "campaign.wrong:8080" in warnings[0]

    page = _dashboard(client)
    assert "campaign.wrong:8080" in page and "CAMPAIGN_BASE_URL" in page


def _serve_env(tmp_path, smtp_port, port) -> dict:
    """What `PORT=<port> make run` hands scripts/serve.sh: no CAMPAIGN_BASE_URL of its own."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("CAMPAIGN_") and key not in ("DATABASE_URL", "PORT")}
    env.update(PORT=str(port), CAMPAIGN_SECRET_KEY="serve-test",
               CAMPAIGN_SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/serve.sqlite",
               CAMPAIGN_MAIL_SERVER="127.0.0.1", CAMPAIGN_MAIL_PORT=str(smtp_port),
               CAMPAIGN_MAIL_WORKER_INTERVAL="0.3")
    return env


def _wait_until_up(url, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve.sh stopped"
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url} within {timeout} s")


def _sign(opener, url, email):
    page = opener.open(f"{url}/en/petitions/stop-torture-kazakhstan").read().decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    form = {"form_token": token, "name": "Olga Port", "email": email, "country": "BE",
            "consent": "y"}
    action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
    # A browser posting from our page names it as the origin (core/form_tokens.py).
    opener.open(urllib.request.Request(url + action, urlencode(form).encode(),
                                       headers={"Origin": url})).read()


def test_serve_sh_on_another_port_mails_links_that_open(tmp_path, smtp_server):
    port = free_port()
    env = _serve_env(tmp_path, smtp_server.port, port)
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    demo = subprocess.run(flask + ["campaign", "demo"], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    url = f"http://127.0.0.1:{port}"
    assert f"{url}/en/campaigns/" in demo.stdout, "the demo command prints the served address"

    server = subprocess.Popen(["bash", "scripts/serve.sh", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        _wait_until_up(url, server)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        _sign(opener, url, "olga.port@example.org")
        deadline = time.monotonic() + 30
        while not smtp_server.messages and time.monotonic() < deadline:
            time.sleep(0.2)
        assert smtp_server.messages, "the worker started by serve.sh delivers the mail"
        body = smtp_server.messages[0].get_body(("plain",)).get_content()
        links = re.findall(r"https?://\S+", body)
        assert links and all(link.rstrip(".").startswith(url) for link in links), links
        assert opener.open(links[0]).status == 200
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=15)
