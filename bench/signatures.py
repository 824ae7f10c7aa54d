"""Signing through the real form under wrk, and a petition grown to a million signatures.

The sign figure POSTs the public form exactly as a browser does after loading the page: the
form token (and any cookie) come from one GET of the petition page, each post names the page's
origin as browsers do (core/form_tokens.py), every request carries a new e-mail address (``b<thread>-<n>@example.org``), and the app answers with its redirect to
"check your e-mail" after writing the signature and its verification mail in one commit.
"""
import http.cookiejar
import re
import urllib.request
from urllib.parse import urlsplit

from sqlalchemy import create_engine, text

from bench import load

_TOKEN = re.compile(r'name="(csrf_token|form_token)"[^>]*value="([^"]+)"')


def form_session(page_url: str) -> tuple[dict, str]:
    """(headers, token field) a browser that has just opened *page_url* posts its form with:
    its cookies if it got any, the page's origin, and the form's token as ``name=value``."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(page_url).read().decode()
    name, token = _TOKEN.search(html).groups()
    parts = urlsplit(page_url)
    headers = {"Origin": f"{parts.scheme}://{parts.netloc}"}
    if cookies := "; ".join(f"{c.name}={c.value}" for c in jar):
        headers["Cookie"] = cookies
    return headers, f"{name}={token}"


def sign_script(page_url: str) -> str:
    """wrk Lua: POST the sign form as one visitor, with a new address each time."""
    headers, token = form_session(page_url)
    body = (f"{token}&name=Bench+Signer&email=b%d-%d@example.org&country=PL"
            "&comment=&consent=y&public=y")
    return load.post_script(body, headers=headers)


#: (dialect, statement) adding :n verified signatures with the numbers :start… to a petition,
#: signed one second apart over the 30 days before yesterday (as a real petition's are spread:
#: lists ordered by time can use their index instead of sorting a million equal stamps).
_BULK = {
    "sqlite": """
        WITH RECURSIVE n(i) AS (SELECT :start UNION ALL SELECT i + 1 FROM n
                                WHERE i < :start + :n - 1)
        INSERT INTO signature (petition_id, name, email, email_canonical, email_domain, country,
                               public, consent_version, updates, lang, state, created_at,
                               verified_at, mails_resent)
        SELECT :petition, 'Signer ' || i, 'bulk' || i || '@example.org',
               'bulk' || i || '@example.org', 'example.org', 'PL', i % 2, '2026-1', 0, 'en',
               'verified', datetime('now', '-1 day', '-' || (i % 2592000) || ' seconds'),
               datetime('now', '-1 day', '-' || (i % 2592000) || ' seconds'), 0 FROM n""",
    "postgresql": """
        INSERT INTO signature (petition_id, name, email, email_canonical, email_domain, country,
                               public, consent_version, updates, lang, state, created_at,
                               verified_at, mails_resent)
        SELECT :petition, 'Signer ' || i, 'bulk' || i || '@example.org',
               'bulk' || i || '@example.org', 'example.org', 'PL', i % 2 = 1, '2026-1', false,
               'en', 'verified',
               now() at time zone 'utc' - interval '1 day' - (i % 2592000) * interval '1 second',
               now() at time zone 'utc' - interval '1 day' - (i % 2592000) * interval '1 second',
               0
        FROM generate_series(:start, :start + :n - 1) AS i""",
}


def grow_petition(url: str, slug: str, total: int) -> int:
    """Add verified signatures until the petition has *total* rows; fix its counter.

    One INSERT … SELECT (a recursive CTE on SQLite, generate_series on PostgreSQL), not the
    ORM: a million rows load in seconds. Returns the verified count afterwards.
    """
    engine = create_engine(url)
    with engine.begin() as conn:
        petition = conn.scalar(text("SELECT id FROM petition WHERE slug = :s"), {"s": slug})
        have = conn.scalar(text("SELECT count(*) FROM signature WHERE petition_id = :p"),
                           {"p": petition})
        if total > have:
            conn.execute(text(_BULK[engine.dialect.name]),
                         {"petition": petition, "start": have, "n": total - have})
        verified = conn.scalar(text("SELECT count(*) FROM signature WHERE petition_id = :p "
                                    "AND state = 'verified'"), {"p": petition})
        conn.execute(text("UPDATE petition_counter_shard SET count = CASE WHEN shard = 0 "
                          "THEN :v ELSE 0 END WHERE petition_id = :p"),
                     {"v": verified, "p": petition})
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE signature"))
    engine.dispose()
    return verified
