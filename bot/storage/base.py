"""The `Store` interface, the rows both engines keep, and what they share in Python.

The update journal is what makes replies exactly-once across restarts:
    journal_add   an update is written here (state pending) *before* Telegram is told we have it
    record_reply  each reply message is noted the moment Telegram accepted it
    journal_done  the update's handling finished (successfully or not)
    journal_pending  after a crash: updates to process again; their recorded replies are not re-sent

Feeds (bot/feeds) extend that promise to items nobody sent: a poll that finds new items first
queues one outbox row per subscribed chat (`enqueue_items`, unique per chat, feed and item, so
queueing again after a crash adds nothing), then marks the items seen; a row is marked done with
its message id the moment Telegram accepted the card (`outbox_done`).

Both engines store the same rows the same way; what is not SQL (a chat's settings as JSON, a
retry's source) is encoded here once, so the two engines cannot drift apart.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from bot.chats import ChatSettings
from bot.models import FileSource, Source, TextSource, UrlSource

Clock = Callable[[], float]
"""Seconds since the epoch; `time.time` outside tests. Row ages and pruning are measured with it."""

# Finished journal entries older than this are pruned: Telegram keeps undelivered updates for
# 24 hours, so nothing older can come back.
JOURNAL_KEEP_SECONDS = 2 * 24 * 3600
# Sent feed cards are kept two days (the hourly cap counts the last hour's); items a feed listed
# are remembered for 90 days after it last listed them (an item older than that is news again).
OUTBOX_KEEP_SECONDS = 2 * 24 * 3600
FEED_SEEN_KEEP_SECONDS = 90 * 24 * 3600
# Retry buttons older than a week answer "nothing to retry"; a person has long moved on.
RETRY_KEEP_SECONDS = 7 * 24 * 3600


class SchemaError(RuntimeError):
    """The database's schema is newer than this code knows: refuse it rather than guess."""


@dataclass(frozen=True, slots=True)
class CachedCard:
    """A rendered card and the article's length in words (auto mode's minimum checks it)."""

    html: str
    words: int


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed, polled once however many chats subscribe: its validators and its schedule.

    `primed` is False until its items were first marked seen: a feed's first poll posts nothing."""

    id: int
    url: str
    title: str
    etag: str | None
    last_modified: str | None
    next_poll: float
    interval: float
    failures: int = 0
    disabled: bool = False
    primed: bool = False


FeedMode = Literal["card", "digest"]


@dataclass(frozen=True, slots=True)
class Subscription:
    """A chat's subscription to a feed: its keyword filters (plain lowercase words) and state."""

    chat_id: int
    feed_id: int
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    paused: bool = False
    mode: FeedMode = "card"
    created: float = 0.0


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One feed item waiting to be posted to one chat (`payload` is bot.feeds' JSON of the item)."""

    id: int
    chat_id: int
    feed_id: int
    item_key: str
    payload: str
    at: float


@dataclass(frozen=True, slots=True)
class Post:
    """A row for `enqueue_items`: this item (its key and payload) for this chat."""

    chat_id: int
    item_key: str
    payload: str


class Store(Protocol):
    """Everything the bot keeps between updates and across restarts."""

    async def close(self) -> None: ...
    async def chat_settings(self, chat_id: int) -> ChatSettings: ...
    async def save_chat_settings(self, chat_id: int, settings: ChatSettings) -> None: ...
    async def cached_card(self, key: str, max_age: float) -> CachedCard | None: ...
    async def cache_card(self, key: str, card: CachedCard) -> None: ...
    async def seen_url(self, chat_id: int, url: str, max_age: float) -> int | None: ...
    async def remember_url(self, chat_id: int, url: str, message_id: int) -> None: ...
    async def last_link(self, chat_id: int) -> str | None: ...
    async def set_last_link(self, chat_id: int, url: str) -> None: ...
    # The bot's first reply to message `post_id` of any chat (channel post, group or private
    # message) and the key of its article: what an edit of that message rewrites (handlers.edits).
    async def channel_card(self, chat_id: int, post_id: int) -> tuple[int, str] | None: ...
    async def save_channel_card(
        self, chat_id: int, post_id: int, card_id: int, key: str
    ) -> None: ...
    async def journal_add(self, update_id: int, payload: str) -> bool: ...
    async def journal_pending(self) -> list[str]: ...
    async def journal_done(self, update_id: int) -> None: ...
    async def is_done(self, update_id: int) -> bool: ...
    async def reply_for(self, update_id: int, part: int) -> int | None: ...
    async def record_reply(
        self, update_id: int, part: int, chat_id: int, message_id: int
    ) -> None: ...
    async def save_retry(self, source: Source) -> int: ...
    async def load_retry(self, retry_id: int) -> Source | None: ...
    async def prune(self, cache_ttl: float, repeat_window: float) -> None: ...
    # Feeds (bot/feeds). `feed_open` creates the feed row once (or returns the existing one).
    async def feed_open(self, url: str, title: str, interval: float) -> FeedState: ...
    async def feed(self, feed_id: int) -> FeedState | None: ...
    async def save_feed(self, state: FeedState) -> None: ...
    # Enabled feeds due by `now` that at least one unpaused subscription wants, soonest first.
    async def due_feeds(self, now: float, limit: int) -> list[FeedState]: ...
    async def next_feed_poll(self) -> float | None: ...
    async def subscribe(self, sub: Subscription) -> bool: ...
    async def save_subscription(self, sub: Subscription) -> None: ...
    async def unsubscribe(self, chat_id: int, feed_id: int) -> None: ...
    async def subscriptions(
        self, *, chat_id: int | None = None, feed_id: int | None = None
    ) -> list[Subscription]: ...
    async def seen_keys(self, feed_id: int, keys: list[str]) -> set[str]: ...
    async def enqueue_items(self, feed_id: int, posts: list[Post], seen: list[str]) -> None: ...
    async def outbox_pending(self, limit: int) -> list[OutboxEntry]: ...
    async def outbox_done(self, entry_id: int, message_id: int | None) -> None: ...
    async def feed_posts_since(self, chat_id: int, feed_id: int, since: float) -> int: ...


def dump_settings(settings: ChatSettings) -> str:
    return json.dumps(asdict(settings))


def load_settings(data: str) -> ChatSettings:
    fields = json.loads(data)
    fields["skip_domains"] = tuple(fields.get("skip_domains", ()))
    return ChatSettings(**fields)


def dump_source(source: Source) -> tuple[str, str]:
    """A retry's source as (kind, payload) columns."""
    if isinstance(source, UrlSource):
        return "url", source.url
    if isinstance(source, FileSource):
        return "file", json.dumps(
            {"name": source.name, "data": base64.b64encode(source.data).decode()}
        )
    return "text", json.dumps({"text": source.text, "origin": source.origin})


def load_source(kind: str, payload: str) -> Source:
    if kind == "url":
        return UrlSource(payload)
    data = json.loads(payload)
    if kind == "file":
        return FileSource(data["name"], base64.b64decode(data["data"]))
    return TextSource(data["text"], data["origin"])


def dump_words(words: tuple[str, ...]) -> str:
    """Filter words as one column (words never hold spaces: the command splits on them)."""
    return " ".join(words)


def load_words(data: str) -> tuple[str, ...]:
    return tuple(data.split())


def load_mode(data: str) -> FeedMode:
    return "digest" if data == "digest" else "card"


# The columns each engine selects, in the order the *_row functions below read them.
FEED_COLUMNS = (
    "id, url, title, etag, last_modified, next_poll, interval, failures, disabled, primed"
)
SUB_COLUMNS = "chat_id, feed_id, include_words, exclude_words, paused, mode, created"
ENTRY_COLUMNS = "id, chat_id, feed_id, item_key, payload, at"


def feed_row(row: Sequence[Any]) -> FeedState:
    return FeedState(
        id=int(row[0]),
        url=str(row[1]),
        title=str(row[2]),
        etag=row[3],
        last_modified=row[4],
        next_poll=float(row[5]),
        interval=float(row[6]),
        failures=int(row[7]),
        disabled=bool(row[8]),
        primed=bool(row[9]),
    )


def subscription_row(row: Sequence[Any]) -> Subscription:
    return Subscription(
        chat_id=int(row[0]),
        feed_id=int(row[1]),
        include=load_words(row[2]),
        exclude=load_words(row[3]),
        paused=bool(row[4]),
        mode=load_mode(row[5]),
        created=float(row[6]),
    )


def entry_row(row: Sequence[Any]) -> OutboxEntry:
    return OutboxEntry(
        id=int(row[0]),
        chat_id=int(row[1]),
        feed_id=int(row[2]),
        item_key=str(row[3]),
        payload=str(row[4]),
        at=float(row[5]),
    )
