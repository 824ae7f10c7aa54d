"""Embed helpers: the token a frame's form carries, posting as the frame does."""
import re

from campaign.embeds import operations
from campaign.extensions import db

#: What a browser sends with a form posted from our own frame (the test client's host).
OUR_ORIGIN = {"Origin": "http://localhost"}


def allow(campaign, *origins):
    operations.set_allowed_origins(campaign, list(origins))
    db.session.commit()


def form_token(response) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', response.get_data(as_text=True))
    assert match, "the embed form carries no token"
    return match.group(1)


def frame_ancestors(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";")
                if part.strip().startswith("frame-ancestors"))
