"""The "test message" kind: organisers send one from the mail log to check the mail path."""
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l

from campaign.mailing import kinds


def load_test_message(payload: dict) -> dict | None:
    """The template context: who asked, and when (shown in the recipient's language)."""
    try:
        requested_at = datetime.fromisoformat(payload["requested_at"])
    except (KeyError, TypeError, ValueError):
        return None
    return {"site": urlsplit(current_app.config["BASE_URL"]).hostname or "",
            "requested_by": payload.get("requested_by") or "",
            "requested_at": requested_at, "zone": payload.get("zone") or "UTC"}


# Not transactional: it carries List-Unsubscribe like a reminder does, so a test shows the
# headers real bulk mail will have (and a suppressed address is shown as suppressed).
TEST_MESSAGE = kinds.MailKind("test_message", subject=_l("Test message from %(site)s"),
                              load=load_test_message, transactional=False,
                   label=_l("Test message"))
KINDS = (TEST_MESSAGE,)
