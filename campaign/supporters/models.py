"""A request to see one's data: the address, behind a random key, for a short while."""
import datetime as dt
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from campaign import clock
from campaign.core.database import UTCDateTime
from campaign.extensions import db


def new_link_key() -> str:
    return secrets.token_urlsafe(18)


class DataAccess(db.Model):
    """One "show me my data" request: its link opens the page for this address until it
    expires; the row and its mail are deleted then (rows are kept at least an hour: they
    count the links mailed to an address per hour)."""

    __tablename__ = "data_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Random and unique, signed into the link (no address, no sequential id).
    link_key: Mapped[str] = mapped_column(sa.String(24), unique=True, default=new_link_key)
    #: Normalised, lower-case.
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    lang: Mapped[str] = mapped_column(sa.String(5))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    #: False when the address had had its share of links this hour: the row and its outbox
    #: row are written all the same (the same work for every request), the link never sent.
    mailed: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    @property
    def is_expired(self) -> bool:
        return clock.now() >= self.expires_at

    def __repr__(self):
        return f"<DataAccess {self.id}>"
