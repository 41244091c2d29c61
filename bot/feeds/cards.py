"""Card text a feed item brings itself: hashtags from its categories, and the card made from the
item alone when neither its page nor its text gives one."""

from __future__ import annotations

import html
import re

from bot.feeds.items import FeedItem

MAX_TAGS, MAX_TAG_CHARS, TELEGRAM_MAX_CHARS = 5, 30, 4096
_NOT_TAG = re.compile(r"\W+")


def with_hashtags(card: str, categories: tuple[str, ...]) -> str:
    """The card with the feed's categories for the item as hashtags (Telegram links #words of
    letters, digits and underscores), when they fit in one message."""
    tags = []
    for category in categories:
        tag = _NOT_TAG.sub("_", category).strip("_")[:MAX_TAG_CHARS]
        if tag and not tag.isdigit() and f"#{tag}" not in tags:
            tags.append(f"#{tag}")
    line = " ".join(tags[:MAX_TAGS])
    if not line or len(card) + len(line) + 1 > TELEGRAM_MAX_CHARS:
        return card
    return f"{card}\n{line}"


def plain_card(item: FeedItem) -> str:
    """A card from the item as the feed gave it: the linked title and the start of its text."""
    title = html.escape(item.title or item.link)
    head = (
        f'<b><a href="{html.escape(item.link, quote=True)}">{title}</a></b>'
        if item.link
        else (f"<b>{title}</b>")
    )
    text = (item.summary or item.text)[:700]
    return f"{head}\n\n{html.escape(text)}" if text else head
