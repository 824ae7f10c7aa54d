"""The "your data" e-mail: the link to the page, built at send time."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from campaign.core.signing import make_token
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.supporters.models import DataAccess

KIND = "my_data_link"
PURPOSE = "my-data"


def load_link(payload: dict) -> dict | None:
    access = db.session.get(DataAccess, payload.get("access_id") or 0)
    if access is None or access.is_expired:
        return None
    return {"token": make_token(PURPOSE, access.link_key),
            "minutes": current_app.config["MY_DATA_LINK_MINUTES"]}


KINDS = (kinds.MailKind(KIND, subject=_l("Your data: the link you asked for"),
                        load=load_link, transactional=True),)
