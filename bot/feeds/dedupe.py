"""Every new item once: an item is new only when none of its keys was seen in its feed before.

Keys, strongest first: the feed's guid (`g:`), the item's link normalised like every URL the bot
keys (`l:`, bot.urls), and a fingerprint of its title and summary (`f:`), so an item a feed
re-publishes under a new guid (or with a tracking parameter added to its link) is not new. The
fingerprint is left out for short texts: two items titled "Daily briefing" with no summary are two
items. An item's first key names it in the outbox.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from bot.feeds.items import FeedItem
from bot.urls import normalize_url

# Fewer words than this in title + summary: too generic to tell one item from another.
MIN_FINGERPRINT_WORDS = 6
_WORD = re.compile(r"\w+")


def item_keys(item: FeedItem) -> tuple[str, ...]:
    """The keys `item` is known by, strongest first (at least one: items have a link or title)."""
    keys = []
    if item.guid:
        keys.append("g:" + item.guid[:500])
    if item.link:
        keys.append("l:" + _link_key(item.link))
    fingerprint = content_fingerprint(item.title, item.summary)
    if fingerprint is not None or not keys:
        keys.append("f:" + (fingerprint or _digest(item.title.lower())))
    return tuple(keys)


def content_fingerprint(title: str, summary: str) -> str | None:
    """A hash of the words of title and summary (case, punctuation and spacing ignored)."""
    words = _WORD.findall(f"{title} {summary}".lower())
    if len(words) < MIN_FINGERPRINT_WORDS:
        return None
    return _digest(" ".join(words))


def new_items(items: Iterable[FeedItem], seen: set[str]) -> list[tuple[FeedItem, tuple[str, ...]]]:
    """The items none of whose keys is in `seen`, with their keys, oldest first (feeds list the
    newest first); an item repeated within the same document counts once."""
    known = set(seen)
    fresh = []
    for item in items:
        keys = item_keys(item)
        if known.isdisjoint(keys):
            fresh.append((item, keys))
        known.update(keys)
    fresh.reverse()
    return fresh


def _link_key(link: str) -> str:
    try:
        return normalize_url(link)[:1000]
    except ValueError:  # a link courlan cannot read: its own spelling is its key
        return link.strip()[:1000]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
