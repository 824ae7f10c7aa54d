"""The copy-paste snippets an organiser puts on their own website (HTML and Markdown)."""
from dataclasses import dataclass

from markupsafe import escape

from campaign.core.templating import public_url

#: The frame's height before (or without) the auto-resize script.
FRAME_HEIGHT = {"petition": 780, "event": 640}


@dataclass(frozen=True)
class Snippets:
    page_url: str
    embed_url: str
    iframe: str
    badge_html: str | None = None
    badge_markdown: str | None = None


def iframe(url: str, title: str, height: int) -> str:
    # No sandbox: a sandboxed frame without allow-same-origin sends "Origin: null", which the
    # form's check refuses (form_tokens.py).
    return (f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" '
            f'height="{height}" style="border:0;max-width:40rem" loading="lazy"></iframe>')


def resize_script() -> str:
    return f'<script src="{escape(public_url("static", filename="js/embed-resize.js"))}" defer></script>'


def for_petition(petition, lang: str) -> Snippets:
    title = petition.text("title", lang)
    page = public_url("petitions.petition_page", lang=lang, slug=petition.slug)
    embed = public_url("embeds.petition", lang=lang, slug=petition.slug)
    badge = public_url("embeds.petition_badge", lang=lang, slug=petition.slug)
    markdown_title = title.replace("[", "(").replace("]", ")")
    return Snippets(
        page_url=page, embed_url=embed, iframe=iframe(embed, title, FRAME_HEIGHT["petition"]),
        badge_html=f'<a href="{escape(page)}"><img src="{escape(badge)}" alt="{escape(title)}"></a>',
        badge_markdown=f"[![{markdown_title}]({badge})]({page})")


def for_event(event, lang: str) -> Snippets:
    title = event.text("title", lang)
    embed = public_url("embeds.event", lang=lang, slug=event.slug)
    return Snippets(page_url=public_url("events.event_page", lang=lang, slug=event.slug),
                    embed_url=embed, iframe=iframe(embed, title, FRAME_HEIGHT["event"]))
