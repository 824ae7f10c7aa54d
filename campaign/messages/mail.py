"""The "organiser message" mail kind: each recipient's copy, rendered from the message's texts.

The outbox row's payload only points at the message (``message``, ``revision``, ``token``);
the subject and body live once on the message. A bulk send renders the same few texts for
every recipient, so the loader keeps each (message, revision, language) it has read: one
database read and one Markdown conversion per language per worker, not per recipient.
"""
from functools import lru_cache

from flask import current_app, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l

from campaign.core import markdown
from campaign.core.i18n import current_language, format_span
from campaign.events.models import Event
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.messages import merge
from campaign.messages.audiences import ONE_EVENT
from campaign.messages.models import MessageState, OrganiserMessage

KIND = "organiser_message"


def payload(message, test: bool = False, name: str | None = None,
            manage_token: str | None = None) -> dict:
    """What an outbox row of *message* carries: where to find its texts, the first name that
    fills ``{first_name}`` and, when the message has a ``{manage_link}``, the token of the
    recipient's own manage link (nothing more of the person)."""
    return {"message": message.id, "revision": message.revision,
            "token": message.form_token, **({"test": True} if test else {}),
            **({"first_name": merge.first_name(name)} if name else {}),
            **({"manage_token": manage_token} if manage_token else {})}


def uses(message, field: str) -> bool:
    """Whether any of *message*'s texts has ``{field}``."""
    return field in merge.fields_in(*(message.text(name, lang) for lang in message.languages
                                      for name in ("subject", "body")))


def event_of(message) -> Event | None:
    """The event whose people the message is for (None for other audiences)."""
    if message.audience not in ONE_EVENT or message.scope_id is None:
        return None
    return db.session.get(Event, message.scope_id)


def event_line(event: Event | None, lang: str) -> str:
    """What ``{event}`` becomes in *lang*: "Candle vigil (Friday, 8 December 2017, 18:00–19:00
    CET)", the date and time in the event's zone, written in *lang*."""
    if event is None:
        return ""
    with force_locale(lang):
        return _("%(title)s (%(when)s)", title=event.text("title", lang),
                 when=format_span(event.starts_at, event.ends_at, event.timezone))


_TOKEN = "TOKEN-STAND-IN"
_routes: dict[tuple[str, str], str] = {}


def manage_url(token: str, lang: str) -> str:
    """The public manage page for *token*, on BASE_URL (also inside an organiser's request
    from another host); the route is built once per language."""
    base_url = current_app.config["BASE_URL"]
    route = _routes.get((base_url, lang))
    if route is None:
        with current_app.test_request_context(base_url=base_url):
            route = _routes[base_url, lang] = url_for("events.manage_rsvp", token=_TOKEN,
                                                      lang=lang, _external=True)
    return route.replace(_TOKEN, token)


def content(message, lang: str) -> dict:
    """Subject, sanitised HTML and plain text of *message* in *lang* (else its fallback), and
    what ``{event}`` becomes in *lang*."""
    body = message.text("body", lang)
    return {"subject": message.text("subject", lang), "body_html": str(markdown.to_html(body)),
            "body_text": markdown.to_text(body), "event_line": event_line(event_of(message), lang),
            "campaign_title": message.campaign.text("title", lang), "test": False}


#: The sample recipient's manage-link token in previews: no real person's link is shown.
SAMPLE_TOKEN = "sample-link"


def preview(message, lang: str) -> dict:
    """:func:`content` filled for a sample recipient (a made-up name and manage link)."""
    context = content(message, lang)
    with force_locale(lang):
        values = {"first_name": _("Alex"), "event": context["event_line"],
                  "manage_link": manage_url(SAMPLE_TOKEN, lang) if event_of(message) else ""}
    return {**context, "subject": merge.fill(context["subject"], values),
            "body_text": merge.fill(context["body_text"], values),
            "body_html": merge.fill(context["body_html"], values, html=True)}


@lru_cache(maxsize=256)
def _cached(message_id: int, revision: int, token: str, lang: str) -> dict | None:
    """The content of one message in one language, read once per worker process.

    The token (random per message) keeps two databases' message 1 apart.
    """
    message = db.session.get(OrganiserMessage, message_id)
    if message is None or message.form_token != token or (
            message.state == MessageState.CANCELLED):
        return None
    return content(message, lang)


def load_message(payload: dict) -> dict | None:
    """Template context for one recipient's copy; None when the message is gone."""
    try:
        key = (int(payload["message"]), int(payload["revision"]), str(payload["token"]))
    except (KeyError, TypeError, ValueError):
        return None
    context = _cached(*key, current_language())
    if context is None:
        return None
    lang = current_language()
    token = str(payload.get("manage_token") or "")
    values = {"first_name": str(payload.get("first_name") or ""),
              "event": context["event_line"],
              "manage_link": manage_url(token, lang) if token else ""}
    subject = merge.fill(context["subject"], values)
    test = bool(payload.get("test"))
    return {**context, "test": test,
            "subject": f"[TEST] {subject}" if test else subject,
            "body_text": merge.fill(context["body_text"], values),
            "body_html": merge.fill(context["body_html"], values, html=True)}


ORGANISER_MESSAGE = kinds.MailKind(KIND, subject="%(subject)s", load=load_message,
                                   transactional=False,
                   label=_l("Organiser message"))
KINDS = (ORGANISER_MESSAGE,)
