"""A fresh database per engine for one benchmark run."""
import os
import uuid
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import create_engine, text

PG_URL = os.environ.get("BENCH_DATABASE_URL",
                        os.environ.get("TEST_DATABASE_URL",
                                       "postgresql+psycopg://postgres@127.0.0.1:5432/test"))


@dataclass
class Database:
    url: str
    drop: Callable[[], None]


def sqlite(folder) -> Database:
    return Database(f"sqlite:///{folder}/bench.sqlite", lambda: None)


def postgresql(folder) -> Database | None:
    engine = create_engine(PG_URL)
    try:
        engine.connect().close()
    except Exception:  # no server here: the PostgreSQL figures are skipped
        return None
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    sep = "&" if "?" in PG_URL else "?"
    return Database(f"{PG_URL}{sep}options=-csearch_path%3D{schema}", drop)


DATABASES = {"sqlite": sqlite, "postgresql": postgresql}
