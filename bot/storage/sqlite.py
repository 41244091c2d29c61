"""`Store` in one SQLite file (aiosqlite): the default, for one bot process."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import aiosqlite

from bot.chats import ChatSettings
from bot.models import Source
from bot.storage import migrations
from bot.storage.base import (
    JOURNAL_KEEP_SECONDS,
    RETRY_KEEP_SECONDS,
    CachedCard,
    Clock,
    dump_settings,
    dump_source,
    load_settings,
    load_source,
)

log = logging.getLogger(__name__)


class SqliteStore:
    """`Store` in one SQLite file (WAL: a process killed mid-write loses nothing committed)."""

    def __init__(self, db: aiosqlite.Connection, clock: Clock = time.time) -> None:
        self._db = db
        self._clock = clock

    @classmethod
    async def open(
        cls,
        path: Path | str,
        *,
        clock: Clock = time.time,
        steps: tuple[migrations.Migration, ...] = migrations.MIGRATIONS,
    ) -> SqliteStore:
        """Open (or create) the file and bring its schema up to date (`steps`: tests only)."""
        # isolation_level=None: every statement commits on its own, so no coroutine's half-done
        # transaction is ever committed (or rolled back) by another's.
        db = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute(
                "PRAGMA synchronous=NORMAL"
            )  # durable against a killed process, not power loss
            await _migrate(db, clock, steps)
        except BaseException:
            await db.close()
            raise
        return cls(db, clock)

    async def close(self) -> None:
        await self._db.close()

    async def _one(self, sql: str, args: tuple[object, ...]) -> aiosqlite.Row | None:
        async with self._db.execute(sql, args) as cursor:
            return await cursor.fetchone()

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        row = await self._one("SELECT data FROM chat_settings WHERE chat_id = ?", (chat_id,))
        return ChatSettings() if row is None else load_settings(row[0])

    async def save_chat_settings(self, chat_id: int, settings: ChatSettings) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO chat_settings VALUES (?, ?)", (chat_id, dump_settings(settings))
        )

    async def cached_card(self, key: str, max_age: float) -> CachedCard | None:
        row = await self._one(
            "SELECT html, words FROM cards_cache WHERE key = ? AND at >= ?",
            (key, self._clock() - max_age),
        )
        return None if row is None else CachedCard(html=row[0], words=row[1])

    async def cache_card(self, key: str, card: CachedCard) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO cards_cache VALUES (?, ?, ?, ?)",
            (key, card.html, card.words, self._clock()),
        )

    async def seen_url(self, chat_id: int, url: str, max_age: float) -> int | None:
        row = await self._one(
            "SELECT message_id FROM seen_urls WHERE chat_id = ? AND url = ? AND at >= ?",
            (chat_id, url, self._clock() - max_age),
        )
        return None if row is None else int(row[0])

    async def remember_url(self, chat_id: int, url: str, message_id: int) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO seen_urls VALUES (?, ?, ?, ?)",
            (chat_id, url, message_id, self._clock()),
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
        # One statement: SQLite's write lock makes it atomic across connections and processes.
        cursor = await self._db.execute(
            "INSERT OR IGNORE INTO updates (update_id, payload, at) VALUES (?, ?, ?)",
            (update_id, payload, self._clock()),
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
        kind, payload = dump_source(source)
        cursor = await self._db.execute(
            "INSERT INTO retries (kind, payload, at) VALUES (?, ?, ?)",
            (kind, payload, self._clock()),
        )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always has one
        return cursor.lastrowid

    async def load_retry(self, retry_id: int) -> Source | None:
        row = await self._one("SELECT kind, payload FROM retries WHERE id = ?", (retry_id,))
        return None if row is None else load_source(str(row[0]), str(row[1]))

    async def prune(self, cache_ttl: float, repeat_window: float) -> None:
        """Drop what can no longer matter: old journal entries, expired cache, links, retries."""
        now = self._clock()
        old_updates = "SELECT update_id FROM updates WHERE done = 1 AND at < ?"
        await self._db.execute(
            f"DELETE FROM replies WHERE update_id IN ({old_updates})",
            (now - JOURNAL_KEEP_SECONDS,),
        )
        await self._db.execute(
            "DELETE FROM updates WHERE done = 1 AND at < ?", (now - JOURNAL_KEEP_SECONDS,)
        )
        await self._db.execute("DELETE FROM cards_cache WHERE at < ?", (now - cache_ttl,))
        await self._db.execute("DELETE FROM seen_urls WHERE at < ?", (now - repeat_window,))
        await self._db.execute("DELETE FROM retries WHERE at < ?", (now - RETRY_KEEP_SECONDS,))


async def _migrate(
    db: aiosqlite.Connection, clock: Clock, steps: tuple[migrations.Migration, ...]
) -> None:
    """Apply the pending migrations in one write transaction (other processes wait for it)."""
    await db.execute("BEGIN IMMEDIATE")
    try:
        legacy = await _has_table(db, "updates") and not await _has_table(db, "schema_version")
        await db.execute(migrations.SCHEMA_VERSION_SQLITE)
        async with db.execute("SELECT coalesce(max(version), 0) FROM schema_version") as cursor:
            row = await cursor.fetchone()
        current = int(row[0]) if row is not None else 0
        todo = migrations.pending(current, steps)
        if legacy:
            log.info("a store from before schema versions: migration 1 adopts it as it is")
        for step in todo:
            for statement in step.sqlite:
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)", (step.version, step.name, clock())
            )
            log.info("store schema migrated to version %d: %s", step.version, step.name)
        await db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            await db.execute("ROLLBACK")
        raise


async def _has_table(db: aiosqlite.Connection, name: str) -> bool:
    async with db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ) as cursor:
        return await cursor.fetchone() is not None
