"""The figures: each measured against its ceiling in the same run."""
import os
import urllib.request

from sqlalchemy import create_engine, text

from bench import load
from bench.report import Figure
from bench.server import AppServer

SLUG = "stop-torture-kazakhstan"


def served(engine: str, database, folder) -> list[Figure]:
    """Figures that need the app served by gunicorn (workers = 2 × cores)."""
    server = AppServer(folder, {"CAMPAIGN_SQLALCHEMY_DATABASE_URI": database.url,
                                "CAMPAIGN_SECRET_KEY": "bench", "CAMPAIGN_RATELIMIT_ENABLED":
                                "false"},
                       wsgi_app="bench.app:app", workers=2 * (os.cpu_count() or 1))
    server.flask("db", "upgrade")
    server.flask("campaign", "demo")
    _create_probe_table(database.url)
    server.start()
    try:
        return _measure(engine, server)
    finally:
        server.stop()


def _create_probe_table(url):
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bench_probe (id INTEGER PRIMARY KEY "
                          + ("AUTOINCREMENT" if url.startswith("sqlite") else
                             "GENERATED ALWAYS AS IDENTITY") + ", label VARCHAR(40))"))
    engine.dispose()


def _measure(engine, server) -> list[Figure]:
    hello = load.run(server.url + "/bench/hello")["rate"]
    insert = load.run(server.url + "/bench/insert",
                      script=load.post_script("x=%d-%d"))["rate"]
    figures = []
    page = load.run(f"{server.url}/en/campaigns/{SLUG}")["rate"]
    figures.append(Figure(engine, "campaign page (GET)", page, hello, "req/s", ("min", 0.8)))
    feed_url = f"{server.url}/en/campaigns/{SLUG}/calendar.ics"
    etag = urllib.request.urlopen(feed_url).headers["ETag"]
    not_modified = load.run(feed_url, headers={"If-None-Match": etag})["rate"]
    figures.append(Figure(engine, "campaign feed, conditional GET → 304", not_modified, hello,
                          "req/s", ("min", 0.9)))
    figures.append(Figure(engine, "ceiling: raw INSERT + commit", insert, None, "req/s"))
    figures.append(Figure(engine, "ceiling: hello", hello, None, "req/s"))
    return figures


def offline() -> list[Figure]:
    """Figures measured in-process (rendering, mail) — added as their domains land."""
    return []
