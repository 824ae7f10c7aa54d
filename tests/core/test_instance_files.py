"""Instance files hold supporters' data and the secret key: readable by their owner only."""
import os
import stat

from campaign import create_app
from tests.conftest import BASE_CONFIG


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_sqlite_database_and_its_folder_are_created_owner_only(tmp_path):
    instance = tmp_path / "instance"
    database = instance / "campaign.sqlite"
    config = {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    old = os.umask(0o022)  # a usual umask: files would be world-readable by default
    try:
        create_app(config)
        create_app(config)  # a second start finds them and changes nothing
    finally:
        os.umask(old)
    assert mode(database) == 0o600
    assert mode(instance) & 0o077 == 0


def test_an_existing_world_readable_database_is_tightened(tmp_path):
    database = tmp_path / "old.sqlite"
    database.write_bytes(b"")
    database.chmod(0o644)
    create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    assert mode(database) == 0o600
