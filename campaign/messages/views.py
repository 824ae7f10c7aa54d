"""What messages add to public pages: the campaign page's "Updates" section."""
from campaign.core.i18n import current_language
from campaign.messages import mail, merge, queries


def campaign_section(campaign) -> dict | None:
    """Messages organisers published as updates, newest first."""
    updates = queries.published_updates(campaign)
    return {"updates": updates, "text_of": public_text} if updates else None


def public_text(update, field: str) -> str:
    """An update's subject or body (Markdown) as visitors read it: ``{event}`` filled in their
    language, ``{first_name}`` as its fallback word ("Dear friend")."""
    lang = current_language()
    values = {"event": mail.event_line(mail.event_of(update), lang)}
    return merge.fill(update.text(field), values)
