"""The "organiser message" mail kind: each recipient's copy, rendered from the message's texts.

The outbox row's payload only points at the message (``message``, ``revision``, ``token``);
the subject and body live once on the message. A bulk send renders the same few texts for
every recipient, so the loader keeps each (message, revision, language) it has read: one
database read and one Markdown conversion per language per worker, not per recipient.
"""
from functools import lru_cache

from flask_babel import lazy_gettext as _l

from campaign.core import markdown
from campaign.core.i18n import current_language
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.messages import merge
from campaign.messages.models import MessageState, OrganiserMessage

KIND = "organiser_message"


def payload(message, test: bool = False, name: str | None = None) -> dict:
    """What an outbox row of *message* carries: where to find its texts, and the first name
    that fills ``{first_name}`` (nothing more of the person)."""
    return {"message": message.id, "revision": message.revision,
            "token": message.form_token, **({"test": True} if test else {}),
            **({"first_name": merge.first_name(name)} if name else {})}


def content(message, lang: str) -> dict:
    """Subject, sanitised HTML and plain text of *message* in *lang* (else its fallback)."""
    body = message.text("body", lang)
    return {"subject": message.text("subject", lang), "body_html": str(markdown.to_html(body)),
            "body_text": markdown.to_text(body),
            "campaign_title": message.campaign.text("title", lang), "test": False}


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
    values = {"first_name": str(payload.get("first_name") or "")}
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
