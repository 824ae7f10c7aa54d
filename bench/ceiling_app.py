"""The ceilings: a bare Flask app, served by gunicorn with the real app's settings.

Nothing of the campaign app runs here (no hooks, sessions, limiter or SQLAlchemy), so a ratio
against these says how much of what the server and the database can do the app reaches:

- ``GET /hello``: a constant response (the ceiling of any page);
- ``POST /insert``: one raw INSERT and commit on the app's database through its driver
  (sqlite3 with the app's pragmas: WAL, synchronous=NORMAL, busy_timeout; psycopg with
  PostgreSQL's defaults), one connection kept per worker as the app's pool does.

Its database is the app's (``CAMPAIGN_SQLALCHEMY_DATABASE_URI``); the table ``bench_probe``
is created by bench/figures.py.
"""
import itertools
import os
import sqlite3
from urllib.parse import unquote

from flask import Flask, Response, request

app = Flask(__name__)
_ids = itertools.count()
_prefix = f"{os.getpid()}-"
_connection = None


def _connect():
    url = os.environ["CAMPAIGN_SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        connection = sqlite3.connect(unquote(url.split(":///", 1)[1]))
        # The app's pragmas (campaign/core/database.py), so both pay the same durability.
        for pragma in ("journal_mode=WAL", "busy_timeout=10000", "foreign_keys=ON",
                       "synchronous=NORMAL"):
            connection.execute(f"PRAGMA {pragma}")
        return connection, "INSERT INTO bench_probe (label) VALUES (?)"
    import psycopg

    return (psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)),
            "INSERT INTO bench_probe (label) VALUES (%s)")


@app.get("/hello")
@app.get("/healthz")
def hello():
    return Response("hello", mimetype="text/plain")


@app.post("/insert")
def insert():
    global _connection
    if _connection is None:
        _connection = _connect()
    connection, statement = _connection
    request.get_data()  # read the posted form, as the app does
    connection.execute(statement, (_prefix + str(next(_ids)),))
    connection.commit()
    return Response("ok", mimetype="text/plain")
