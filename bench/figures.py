"""The figures: each measured against its ceiling in the same run."""
import functools
import os
import urllib.request

import redis

from sqlalchemy import create_engine, text

from bench import feed, letters, load, mail, scale, signatures
from bench.report import Figure
from bench.server import AppServer

SLUG = "stop-torture-kazakhstan"
PETITION = "stop-torture-kazakhstan"
EVENT = "brussels-protest"
#: The petition page is measured with this many signatures, then with BIG_PETITION.
SMALL_PETITION, BIG_PETITION = 1_000, 1_000_000


#: The public writes' rate limits, set far above what wrk sends: every check runs (and costs
#: what it costs in production), none refuses.
NEVER_REACHED = ("RATELIMIT_PUBLIC_WRITE", "PETITION_RATELIMIT_SIGN_BURST",
                 "PETITION_RATELIMIT_SIGN_SUSTAINED", "PETITION_RATELIMIT_SIGN_DOMAIN",
                 "LETTER_RATELIMIT_WRITE")


@functools.cache
def limits_storage() -> str:
    """Where the served app keeps its rate limits: Redis, shared by the workers as in
    production, when one answers here (BENCH_REDIS_URL); else each worker's memory."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return "memory://"
    return url


def limits_note() -> str:
    where = "Redis" if limits_storage().startswith("redis") else "each worker's memory"
    return f"rate limits checked ({where}), none reached"


def served(engine: str, database, folder) -> list[Figure]:
    """Figures that need the app served by gunicorn (workers = 2 × cores), each against the
    ceilings of a bare Flask app (bench/ceiling_app.py) served the same way, in this run."""
    env = {"CAMPAIGN_SQLALCHEMY_DATABASE_URI": database.url, "CAMPAIGN_SECRET_KEY": "bench",
           "CAMPAIGN_RATELIMIT_STORAGE_URI": limits_storage(),
           **{f"CAMPAIGN_{name}": "1000000 per minute" for name in NEVER_REACHED}}
    workers = 2 * (os.cpu_count() or 1)
    server = AppServer(folder, env, workers=workers)
    server.flask("db", "upgrade")
    server.flask("campaign", "demo")
    _create_probe_table(database.url)
    signatures.grow_petition(database.url, PETITION, SMALL_PETITION)
    bare = AppServer(folder / "ceiling", env, wsgi_app="bench.ceiling_app:app", workers=workers)
    bare.workdir.mkdir(exist_ok=True)
    bare.start()
    server.start()
    try:
        # gunicorn's workers each import the app after the first answers /healthz: a warm-up
        # (not recorded) lets every worker start before a figure counts.
        for warm_up in (bare.url + "/hello", f"{server.url}/en/petitions/{PETITION}"):
            load.run(warm_up, duration=2)
        return _measure(engine, server, bare, database.url)
    finally:
        server.stop()
        bare.stop()


def _create_probe_table(url):
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bench_probe (id INTEGER PRIMARY KEY "
                          + ("AUTOINCREMENT" if url.startswith("sqlite") else
                             "GENERATED ALWAYS AS IDENTITY") + ", label VARCHAR(40))"))
    engine.dispose()


class Ceilings:
    """The bare app's rates, measured before and after the app's figures (the machine is
    shared: the mean of both, with both in the note, shows how much the load moved)."""

    def __init__(self, bare: AppServer):
        self.bare = bare
        self.runs = {"hello": [], "insert": []}

    def measure(self):
        self.runs["hello"].append(load.run(self.bare.url + "/hello")["rate"])
        self.runs["insert"].append(load.run(self.bare.url + "/insert",
                                            script=load.post_script("x=%d-%d"))["rate"])

    def __getitem__(self, name) -> float:
        return sum(self.runs[name]) / len(self.runs[name])

    def note(self, name) -> str:
        return "bare Flask app; " + ", ".join(f"{r:,.0f}" for r in self.runs[name]) + \
            " req/s before and after"


def _measure(engine, server, bare, url) -> list[Figure]:
    ceilings = Ceilings(bare)
    ceilings.measure()
    figures = _app_figures(engine, server)
    ceilings.measure()
    for figure in figures:  # each figure names its ceiling; it gets the mean of both runs
        figure.ceiling = ceilings[figure.ceiling]
    small = figures[3].ours
    signatures.grow_petition(url, PETITION, BIG_PETITION)
    big = load.run(f"{server.url}/en/petitions/{PETITION}")
    figures.append(Figure(engine, f"petition page at {BIG_PETITION:,} vs {SMALL_PETITION:,} "
                                  "signatures", 1000 / big["rate"], 1000 / small, "ms/req",
                          ("max", 1.2), "server time per page (1 / rate); ratio = big / small"))
    figures.append(Figure(engine, "ceiling: raw INSERT + commit", ceilings["insert"], None,
                          "req/s", note=ceilings.note("insert")))
    figures.append(Figure(engine, "ceiling: hello", ceilings["hello"], None, "req/s",
                          note=ceilings.note("hello")))
    return figures


def _app_figures(engine, server) -> list[Figure]:
    """The app's rates; each names its ceiling ("hello" or "insert"), measured by the caller."""
    hello, insert = "hello", "insert"
    petition_url = f"{server.url}/en/petitions/{PETITION}"
    feed_url = f"{server.url}/en/campaigns/{SLUG}/calendar.ics"
    etag = urllib.request.urlopen(feed_url).headers["ETag"]
    return [
        load.figure(engine, "sign through the real form (POST, CSRF, new address each)",
              petition_url + "/sign", insert, ("min", 0.7), note=limits_note(),
              script=signatures.sign_script(petition_url)),
        load.figure(engine, "campaign page (GET)", f"{server.url}/en/campaigns/{SLUG}", hello,
              ("min", 0.8)),
        load.figure(engine, "event page (GET)", f"{server.url}/en/events/{EVENT}", hello,
              ("min", 0.8)),
        load.figure(engine, f"petition page (GET), {SMALL_PETITION:,} signatures", petition_url,
              hello, ("min", 0.8)),
        load.figure(engine, "campaign feed, conditional GET → 304", feed_url, hello, ("min", 0.9),
              headers={"If-None-Match": etag}),
        letters.write_figure(engine, server.url, insert, limits_note()),
    ]


def offline(folder) -> list[Figure]:
    """Figures measured outside gunicorn: the feed's full render (in-process) and the bulk
    send (the mail worker against a local SMTP server, on both engines)."""
    return (feed.figures(folder) + mail.figures(folder) + letters.figures(folder)
            + scale.figures(folder))
