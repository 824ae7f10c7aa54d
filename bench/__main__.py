"""``make bench``: every figure on SQLite and on PostgreSQL, printed and written to results.md."""
import os
import sys
import tempfile
from pathlib import Path

from bench import figures, load, report
from bench.databases import DATABASES


def main() -> int:
    if not load.available():
        print("wrk is not installed (apt-get install wrk); it generates the load.")
        return 1
    results = []
    load_at_start = report.load_average()
    for engine, make_database in DATABASES.items():
        with tempfile.TemporaryDirectory(prefix=f"bench-{engine}-") as folder:
            database = make_database(Path(folder))
            if database is None:
                print(f"{engine}: no server answers, skipped")
                continue
            try:
                results += figures.served(engine, database, Path(folder))
            finally:
                database.drop()
    with tempfile.TemporaryDirectory(prefix="bench-offline-") as folder:
        results += figures.offline(Path(folder))
    print(report.write(results, f"wrk, {load.THREADS} threads, {load.CONNECTIONS} connections, "
                                f"{load.DURATION} s per figure", load_at_start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
