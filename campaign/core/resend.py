""""No e-mail? Send it again": what this browser asked for, and when it may ask again.

The answer a visitor sees depends only on what they did themselves, as kept in their own
session: which request they sent (an id, never the address), when, and how often they asked
for the mail again. It never reads the throttle kept with the address (which also counts
requests made by others, with the same address, elsewhere), so the page cannot tell anybody
whether an address is known. Pressing the button runs the same throttled write as sending
the form again; that write decides, silently, whether a mail actually leaves.

The row's id is sealed in the cookie (a session cookie is signed, not encrypted): an id from
an older row would tell a stranger that the address had been used before.
"""
import datetime as dt
import hashlib
import math
import secrets
from dataclasses import dataclass

from flask import current_app, flash, session
from flask_babel import gettext as _
from flask_babel import ngettext

from campaign import clock
from campaign.extensions import db

SESSION_KEY = "resend"
#: Requests remembered per browser (the session is a cookie: keep it small).
REMEMBERED = 4


@dataclass
class Claim:
    """What pressing the button got: *ref* to mail again, or why not."""

    ref: object = None
    #: Minutes to wait before asking again (rounded up).
    wait_minutes: int = 0
    #: This browser has asked as often as it may.
    exhausted: bool = False
    #: Nothing remembered (another browser, or the session ended).
    unknown: bool = False


def _pad(nonce: str) -> int:
    key = hashlib.sha256(f"resend:{current_app.secret_key}".encode()).digest()
    return int.from_bytes(hashlib.blake2b(nonce.encode(), key=key, digest_size=8).digest(), "big")


def seal(ref: int) -> str:
    """*ref* under a one-time pad drawn from the app's secret: random-looking every time."""
    nonce = secrets.token_hex(8)
    return f"{nonce}.{ref ^ _pad(nonce):016x}"


def unseal(sealed: str) -> int | None:
    try:
        nonce, value = sealed.split(".")
        return int(value, 16) ^ _pad(nonce)
    except (AttributeError, ValueError):
        return None


def _tag(address: str) -> str:
    """A keyed hash of the address: tells "the same address again" without holding it."""
    key = hashlib.sha256(f"resend-address:{current_app.secret_key}".encode()).digest()
    return hashlib.blake2b(address.strip().lower().encode(), key=key,
                           digest_size=8).hexdigest()


def remember(key: str, ref: int | None, address: str, interval: dt.timedelta) -> None:
    """This browser just sent a form for *key* (e.g. "rsvp:7") about the row *ref*.

    Sent again with the same address within *interval*, the address's throttle holds the
    mail back: say so (from what this browser did) instead of promising a mail.
    """
    if ref is None:
        return
    entries = dict(session.get(SESSION_KEY) or {})
    old, tag, now = entries.get(key), _tag(address), clock.now().timestamp()
    if old and old.get("tag") == tag and now - old["at"] < interval.total_seconds():
        left = max(1, math.ceil((interval.total_seconds() - (now - old["at"])) / 60))
        flash(ngettext("You sent this form a moment ago, so we have not sent another e-mail "
                       "yet. You can ask for it again in %(num)d minute.",
                       "You sent this form a moment ago, so we have not sent another e-mail "
                       "yet. You can ask for it again in %(num)d minutes.", left), "error")
        return
    # The same address again counts as one more mail (the address's throttle counts it too).
    sent = old["n"] + 1 if old and old.get("tag") == tag else 1
    entries.pop(key, None)
    entries[key] = {"ref": seal(ref), "at": now, "n": sent, "tag": tag}
    session[SESSION_KEY] = dict(list(entries.items())[-REMEMBERED:])


def remembered(key: str) -> bool:
    return key in (session.get(SESSION_KEY) or {})


def claim(key: str, interval: dt.timedelta, most: int) -> Claim:
    """Count one more mail for *key* if *interval* has passed since the last one and fewer
    than *most* were asked for; else say why not."""
    entries = dict(session.get(SESSION_KEY) or {})
    entry = entries.get(key)
    if entry is None:
        return Claim(unknown=True)
    if entry["n"] >= most:
        return Claim(exhausted=True)
    waited = clock.now().timestamp() - entry["at"]
    if waited < interval.total_seconds():
        return Claim(wait_minutes=max(1, math.ceil((interval.total_seconds() - waited) / 60)))
    entries[key] = {**entry, "at": clock.now().timestamp(), "n": entry["n"] + 1}
    session[SESSION_KEY] = entries
    ref = unseal(entry["ref"])
    return Claim(ref=ref) if ref is not None else Claim(unknown=True)


def say(claim: Claim) -> None:
    """Tell the visitor what pressing the button did (a flashed message)."""
    if claim.ref is not None:
        flash(_("We have sent the e-mail again to the address you gave. It can take a few "
                "minutes to arrive."), "success")
    elif claim.exhausted:
        flash(_("We cannot send this e-mail again from here. Look in your spam folder, or "
                "send the form again with the address checked."), "error")
    elif claim.unknown:
        flash(_("Please send the form again: we only resend mail to the browser that sent "
                "the form."), "error")
    else:
        flash(ngettext("We have just sent it: you can ask for the e-mail again in %(num)d "
                       "minute.", "We have just sent it: you can ask for the e-mail again in "
                       "%(num)d minutes.", claim.wait_minutes), "error")


def button_pressed(key: str, interval: dt.timedelta, most: int, mail_again, form) -> None:
    """The "send it again" button's POST, for every form that has one: when *form* (the
    button's, for its CSRF token) is valid and this browser may ask again, run the domain's
    own throttled write *mail_again(ref)* and commit; then say what happened (flash)."""
    if not form.validate_on_submit():
        return
    claimed = claim(key, interval, most)
    if claimed.ref is not None:
        mail_again(claimed.ref)
        db.session.commit()
    say(claimed)
