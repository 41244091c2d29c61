"""The `Store` interface, the rows both engines keep, and what they share in Python.

The update journal is what makes replies exactly-once across restarts:
    journal_add   an update is written here (state pending) *before* Telegram is told we have it
    record_reply  each reply message is noted the moment Telegram accepted it
    journal_done  the update's handling finished (successfully or not)
    journal_pending  after a crash: updates to process again; their recorded replies are not re-sent

Both engines store the same rows the same way; what is not SQL (a chat's settings as JSON, a
retry's source) is encoded here once, so the two engines cannot drift apart.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Protocol

from bot.chats import ChatSettings
from bot.models import FileSource, Source, TextSource, UrlSource

Clock = Callable[[], float]
"""Seconds since the epoch; `time.time` outside tests. Row ages and pruning are measured with it."""

# Finished journal entries older than this are pruned: Telegram keeps undelivered updates for
# 24 hours, so nothing older can come back.
JOURNAL_KEEP_SECONDS = 2 * 24 * 3600
# Retry buttons older than a week answer "nothing to retry"; a person has long moved on.
RETRY_KEEP_SECONDS = 7 * 24 * 3600


class SchemaError(RuntimeError):
    """The database's schema is newer than this code knows: refuse it rather than guess."""


@dataclass(frozen=True, slots=True)
class CachedCard:
    """A rendered card and the article's length in words (auto mode's minimum checks it)."""

    html: str
    words: int


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
