"""What a feed says, once parsed: its title and its items, as frozen values the poller passes on.

An item travels through the store's outbox as JSON (`dump_item` / `load_item`): the poll that
found it and the post that sends it may be minutes, a restart or (later) a process apart.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry: `summary` is the feed's own short text, `text` its full content when the feed
    carries it (else the summary), both plain text; `categories` the feed's tags for it."""

    guid: str
    link: str
    title: str
    summary: str = ""
    text: str = ""
    categories: tuple[str, ...] = ()
    published: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed document: its title and items in the feed's order (usually newest first)."""

    title: str
    items: tuple[FeedItem, ...]


@dataclass(frozen=True, slots=True)
class Alternates:
    """A web page, not a feed, that names feeds in `<link rel="alternate">` (feed discovery)."""

    urls: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Notice:
    """A note to a chat about one of its feeds, queued like an item so it is sent exactly once:
    `disabled` (the feed kept failing and is no longer polled)."""

    kind: str
    feed_url: str
    feed_title: str


def dump_item(item: FeedItem | Notice) -> str:
    kind = "notice" if isinstance(item, Notice) else "item"
    return json.dumps({"type": kind, **asdict(item)}, ensure_ascii=False)


def load_item(data: str) -> FeedItem | Notice:
    fields = json.loads(data)
    if fields.pop("type", "item") == "notice":
        return Notice(**fields)
    fields["categories"] = tuple(fields.get("categories", ()))
    return FeedItem(**fields)
