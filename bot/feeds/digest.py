"""Digest mode: one message per period for a subscription, with its new items' headlines and
one-line gists, instead of a card per item.

The gist is the first sentence of the feed's own text for the item: a digest of ten items should
not fetch and summarize ten pages (that is what card mode is for), and a feed's lede is written
to be that line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.feeds.items import FeedItem
from bot.i18n import Translator
from bot.i18n import messages as msg

GIST_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def gist(item: FeedItem) -> str:
    """The first sentence of the item's summary (or text), at most GIST_CHARS characters."""
    text = " ".join((item.summary or item.text).split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    return first if len(first) <= GIST_CHARS else first[: GIST_CHARS - 1].rstrip() + "…"


def render_digest(title: str, items: Sequence[FeedItem], labels: Translator, limit: int) -> str:
    """The digest message: the feed's title and count, then the newest `limit` items (newest
    first), each as its linked headline and gist; how many more there were."""
    shown = list(reversed(items))[:limit]
    lines = [labels.gettext(msg.FEED_DIGEST_TITLE, title=html.escape(title), count=len(items))]
    for item in shown:
        headline = html.escape(item.title or item.link)
        if item.link:
            headline = f'<a href="{html.escape(item.link, quote=True)}">{headline}</a>'
        line = f"• <b>{headline}</b>"
        summary = gist(item)
        if summary and summary != item.title:
            line += f"\n{html.escape(summary)}"
        lines.append(line)
    if len(items) > len(shown):
        lines.append(labels.gettext(msg.FEED_DIGEST_MORE, count=len(items) - len(shown)))
    text = "\n\n".join(lines)
    while len(text) > 4096 and len(lines) > 2:  # Telegram's cap on one message
        lines.pop(-2 if len(items) > len(shown) else -1)
        text = "\n\n".join(lines)
    return text
