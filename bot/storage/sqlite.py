"""What the bot remembers: chat settings, cached cards, each chat's links, the update journal.

`Store` is the interface the bot uses; `SqliteStore` (aiosqlite, one file) is the default. A
shared server store can replace it when one process is not enough.

The update journal is what makes replies exactly-once across restarts:
    journal_add   an update is written here (state pending) *before* Telegram is told we have it
    record_reply  each reply message is noted the moment Telegram accepted it
    journal_done  the update's handling finished (successfully or not)
    journal_pending  after a crash: updates to process again; their recorded replies are not re-sent
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import aiosqlite

from bot.chats import ChatSettings
from bot.models import Source, TextSource, UrlSource

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_settings (chat_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards_cache (key TEXT PRIMARY KEY, html TEXT NOT NULL,
    words INTEGER NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS seen_urls (chat_id INTEGER, url TEXT, message_id INTEGER NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (chat_id, url));
CREATE TABLE IF NOT EXISTS last_links (chat_id INTEGER PRIMARY KEY, url TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS channel_cards (chat_id INTEGER, post_id INTEGER,
    card_id INTEGER NOT NULL, source_key TEXT NOT NULL, PRIMARY KEY (chat_id, post_id));
CREATE TABLE IF NOT EXISTS updates (update_id INTEGER PRIMARY KEY, payload TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS replies (update_id INTEGER, part INTEGER, chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL, PRIMARY KEY (update_id, part));
CREATE TABLE IF NOT EXISTS retries (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
    payload TEXT NOT NULL, at REAL NOT NULL);
"""
# Finished journal entries older than this are pruned: Telegram keeps undelivered updates for
# 24 hours, so nothing older can come back.
_JOURNAL_KEEP_SECONDS = 2 * 24 * 3600
# Retry buttons older than a week answer "nothing to retry"; a person has long moved on.
_RETRY_KEEP_SECONDS = 7 * 24 * 3600


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


class SqliteStore:
    """`Store` in one SQLite file (WAL: a process killed mid-write loses nothing committed)."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    @classmethod
    async def open(cls, path: Path | str) -> SqliteStore:
        # isolation_level=None: every statement commits on its own, so no coroutine's half-done
        # transaction is ever committed (or rolled back) by another's.
        db = await aiosqlite.connect(str(path), isolation_level=None)
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute(
            "PRAGMA synchronous=NORMAL"
        )  # durable against a killed process, not power loss
        await db.executescript(_SCHEMA)
        return cls(db)

    async def close(self) -> None:
        await self._db.close()

    async def _one(self, sql: str, args: tuple[object, ...]) -> aiosqlite.Row | None:
        async with self._db.execute(sql, args) as cursor:
            return await cursor.fetchone()

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        row = await self._one("SELECT data FROM chat_settings WHERE chat_id = ?", (chat_id,))
        if row is None:
            return ChatSettings()
        data = json.loads(row[0])
        data["skip_domains"] = tuple(data.get("skip_domains", ()))
        return ChatSettings(**data)

    async def save_chat_settings(self, chat_id: int, settings: ChatSettings) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO chat_settings VALUES (?, ?)",
            (chat_id, json.dumps(asdict(settings))),
        )

    async def cached_card(self, key: str, max_age: float) -> CachedCard | None:
        row = await self._one(
            "SELECT html, words FROM cards_cache WHERE key = ? AND at >= ?",
            (key, time.time() - max_age),
        )
        return None if row is None else CachedCard(html=row[0], words=row[1])

    async def cache_card(self, key: str, card: CachedCard) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO cards_cache VALUES (?, ?, ?, ?)",
            (key, card.html, card.words, time.time()),
        )

    async def seen_url(self, chat_id: int, url: str, max_age: float) -> int | None:
        row = await self._one(
            "SELECT message_id FROM seen_urls WHERE chat_id = ? AND url = ? AND at >= ?",
            (chat_id, url, time.time() - max_age),
        )
        return None if row is None else int(row[0])

    async def remember_url(self, chat_id: int, url: str, message_id: int) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO seen_urls VALUES (?, ?, ?, ?)",
            (chat_id, url, message_id, time.time()),
        )

    async def last_link(self, chat_id: int) -> str | None:
        row = await self._one("SELECT url FROM last_links WHERE chat_id = ?", (chat_id,))
        return None if row is None else str(row[0])

    async def set_last_link(self, chat_id: int, url: str) -> None:
        await self._db.execute("INSERT OR REPLACE INTO last_links VALUES (?, ?)", (chat_id, url))

    async def channel_card(self, chat_id: int, post_id: int) -> tuple[int, str] | None:
        row = await self._one(
            "SELECT card_id, source_key FROM channel_cards WHERE chat_id = ? AND post_id = ?",
            (chat_id, post_id),
        )
        return None if row is None else (int(row[0]), str(row[1]))

    async def save_channel_card(self, chat_id: int, post_id: int, card_id: int, key: str) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO channel_cards VALUES (?, ?, ?, ?)",
            (chat_id, post_id, card_id, key),
        )

    async def journal_add(self, update_id: int, payload: str) -> bool:
        cursor = await self._db.execute(
            "INSERT OR IGNORE INTO updates (update_id, payload, at) VALUES (?, ?, ?)",
            (update_id, payload, time.time()),
        )
        return cursor.rowcount == 1

    async def journal_pending(self) -> list[str]:
        async with self._db.execute(
            "SELECT payload FROM updates WHERE done = 0 ORDER BY update_id"
        ) as cursor:
            return [str(row[0]) for row in await cursor.fetchall()]

    async def journal_done(self, update_id: int) -> None:
        await self._db.execute("UPDATE updates SET done = 1 WHERE update_id = ?", (update_id,))

    async def is_done(self, update_id: int) -> bool:
        row = await self._one("SELECT done FROM updates WHERE update_id = ?", (update_id,))
        return row is not None and bool(row[0])

    async def reply_for(self, update_id: int, part: int) -> int | None:
        row = await self._one(
            "SELECT message_id FROM replies WHERE update_id = ? AND part = ?", (update_id, part)
        )
        return None if row is None else int(row[0])

    async def record_reply(self, update_id: int, part: int, chat_id: int, message_id: int) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?)",
            (update_id, part, chat_id, message_id),
        )

    async def save_retry(self, source: Source) -> int:
        kind, payload = _dump_source(source)
        cursor = await self._db.execute(
            "INSERT INTO retries (kind, payload, at) VALUES (?, ?, ?)", (kind, payload, time.time())
        )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always has one
        return cursor.lastrowid

    async def load_retry(self, retry_id: int) -> Source | None:
        row = await self._one("SELECT kind, payload FROM retries WHERE id = ?", (retry_id,))
        return None if row is None else _load_source(str(row[0]), str(row[1]))

    async def prune(self, cache_ttl: float, repeat_window: float) -> None:
        """Drop what can no longer matter: old journal entries, expired cache, links, retries."""
        now = time.time()
        old_updates = "SELECT update_id FROM updates WHERE done = 1 AND at < ?"
        await self._db.execute(
            f"DELETE FROM replies WHERE update_id IN ({old_updates})",
            (now - _JOURNAL_KEEP_SECONDS,),
        )
        await self._db.execute(
            "DELETE FROM updates WHERE done = 1 AND at < ?", (now - _JOURNAL_KEEP_SECONDS,)
        )
        await self._db.execute("DELETE FROM cards_cache WHERE at < ?", (now - cache_ttl,))
        await self._db.execute("DELETE FROM seen_urls WHERE at < ?", (now - repeat_window,))
        await self._db.execute("DELETE FROM retries WHERE at < ?", (now - _RETRY_KEEP_SECONDS,))


def _dump_source(source: Source) -> tuple[str, str]:
    if isinstance(source, UrlSource):
        return "url", source.url
    return "text", json.dumps({"text": source.text, "origin": source.origin})


def _load_source(kind: str, payload: str) -> Source:
    if kind == "url":
        return UrlSource(payload)
    data = json.loads(payload)
    return TextSource(data["text"], data["origin"])
