"""The shared app of tests/conftest.py: each test starts from what a new app and an empty
database would give it, although the worker builds the app once per engine."""
from campaign.campaigns.models import Campaign
from campaign.extensions import db, limiter
from tests.factories import create_campaign


def test_emptying_deletes_every_row_and_restarts_the_ids(app, empty_database):
    first = create_campaign(slug="first").id
    create_campaign(slug="second")
    db.session.remove()

    empty_database.empty_tables()

    assert db.session.scalars(db.select(Campaign)).all() == []
    assert create_campaign(slug="again").id == first


def test_what_a_test_changes_on_the_app_is_put_back(app, empty_database, tmp_path):
    from jinja2 import DictLoader

    loader = app.jinja_env.loader
    app.config["PAGE_CACHE_SECONDS"] = 60
    app.extensions["page_cache"] = {"/": "a stale page"}
    app.jinja_env.loader = DictLoader({})

    empty_database.reset(tmp_path / "next")

    assert app.config["PAGE_CACHE_SECONDS"] == 0
    assert "page_cache" not in app.extensions
    assert app.jinja_env.loader is loader
    assert app.instance_path == str(tmp_path / "next")


def test_an_app_with_rate_limits_gives_the_limiter_back(make_app, empty_database):
    make_app(RATELIMIT_ENABLED=True)
    assert limiter.enabled

    empty_database.restore_limiter()

    assert not limiter.enabled
