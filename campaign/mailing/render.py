"""Render a message in its recipient's language: subject, text body and HTML body."""
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.headerregistry import Address

from flask import current_app, has_request_context, request
from flask_babel import force_locale

from campaign.campaigns.models import Campaign
from campaign.extensions import db
from campaign.mailing import kinds
from campaign.mailing.links import unsubscribe_url


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    #: (filename, content type, bytes), e.g. the event's .ics; from the context's "attachments".
    attachments: list = field(default_factory=list)
    #: (content id, content type, bytes): images the HTML shows as ``cid:<content id>`` (a
    #: ticket's QR code), from the context's "inline_images".
    inline: list = field(default_factory=list)
    #: Display name for From (the address stays the site's), from the context's "from_name":
    #: a letter goes out as "Anna Kowalska via <campaign>".
    from_name: str | None = None
    #: Reply-To as (display name, address), from the context's "reply_to": the letter's writer.
    reply_to: tuple[str, str] | None = None


#: Marks the request context of :func:`on_base_url` (in its WSGI environ).
_ON_BASE_URL = "campaign.mail.on_base_url"


@contextmanager
def on_base_url():
    """A request context on BASE_URL, so that url_for(..., _external=True) builds public
    links; renders inside it (the worker's batch) share it instead of each pushing its own."""
    if has_request_context() and request.environ.get(_ON_BASE_URL):
        yield
        return
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"],
                                          environ_overrides={_ON_BASE_URL: True}):
        yield


def render(kind_name: str, lang: str, context: dict) -> Rendered:
    """Both bodies from templates/email/<kind>.txt/.html, in *lang*, links absolute."""
    kind = kinds.get(kind_name)
    context = {**context, "base_url": current_app.config["BASE_URL"], "lang": lang}
    with on_base_url(), force_locale(lang):
        subject = str(kind.subject) % context if "%(" in str(kind.subject) else str(kind.subject)
        # What render_template does for each body, with the context processors run once.
        app = current_app._get_current_object()
        app.update_template_context(context)
        text, html = (app.jinja_env.get_template(f"email/{kind.name}.{ext}").render(context)
                      for ext in ("txt", "html"))
    return Rendered(subject=" ".join(subject.split()), text=text, html=html,
                    attachments=list(context.get("attachments") or []),
                    inline=list(context.get("inline_images") or []),
                    from_name=context.get("from_name"), reply_to=context.get("reply_to"))


def render_row(row, unsubscribe: str | None = None) -> Rendered | None:
    """Render an outbox row from its payload; None when its kind says it no longer applies.

    Non-transactional rows get ``unsubscribe_url`` in their context (email/base.* show it):
    *unsubscribe*, or the recipient's own link.
    """
    kind = kinds.get(row.kind)
    with force_locale(row.lang):
        context = kind.load(row.payload)
    if context is None:
        return None
    if not row.transactional:
        context = {"unsubscribe_url": unsubscribe or unsubscribe_url(row.to_address, row.lang),
                   **context}
    if (row.campaign_id is not None and kind.campaign_sender
            and not (context.get("from_name") or context.get("reply_to"))):
        context = {**context, **campaign_sender(row.campaign_id)}
    return render(row.kind, row.lang, context)


def campaign_sender(campaign_id: int) -> dict:
    """The campaign's From name and Reply-To, as a mail's context gives them; a kind whose
    context gives its own (a letter: its writer) keeps them. An address a header cannot
    carry (never saved by the form) is left out rather than failing every mail."""
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        return {}
    name = " ".join((campaign.sender_name or "").split()) or None
    reply_to = None
    if campaign.reply_to:
        try:
            Address(display_name=name or "", addr_spec=campaign.reply_to)
            reply_to = (name or "", campaign.reply_to)
        except (ValueError, IndexError):
            reply_to = None
    return {"from_name": name, "reply_to": reply_to}
