"""Build a campaign feed in a fresh process: ``python -m tests.calendar.build_feed DB_URL
ISO_MOMENT PATH``. Writes the feed's ETag on the first line, then its bytes, to PATH."""
import datetime as dt
import sys

from campaign import clock, create_app
from tests.conftest import BASE_CONFIG


def main(url: str, moment: str, path: str) -> None:
    clock.set_now(dt.datetime.fromisoformat(moment))
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    response = app.test_client().get("/en/campaigns/free-them/calendar.ics")
    assert response.status_code == 200, response.status_code
    with open(path, "wb") as out:
        out.write(response.headers["ETag"].encode() + b"\n" + response.data)


if __name__ == "__main__":
    main(*sys.argv[1:])
