"""The app as served in production plus two ceiling endpoints, for benchmarks only.

``/bench/hello`` returns a constant (the app server's ceiling); ``/bench/insert`` does one raw
INSERT and commit (the database's ceiling for a write). Never mounted in the real app.
"""
import itertools
import os

from flask import Response
from sqlalchemy import text

from campaign import create_app
from campaign.extensions import csrf, db

app = create_app()
_ids = itertools.count()
_PREFIX = f"{os.getpid()}-"


@app.get("/bench/hello")
def hello():
    return Response("hello", mimetype="text/plain")


@app.post("/bench/insert")
@csrf.exempt
def insert():
    db.session.execute(text("INSERT INTO bench_probe (label) VALUES (:label)"),
                       {"label": _PREFIX + str(next(_ids))})
    db.session.commit()
    return Response("ok", mimetype="text/plain")
