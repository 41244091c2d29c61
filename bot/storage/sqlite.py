"""`Store` in one SQLite file (aiosqlite): the default, for one bot process."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path

import aiosqlite

from bot.chats import ChatSettings
from bot.models import Source
from bot.storage import migrations
from bot.storage.base import (
    ENTRY_COLUMNS,
    FEED_COLUMNS,
    FEED_SEEN_KEEP_SECONDS,
    JOURNAL_KEEP_SECONDS,
    OUTBOX_KEEP_SECONDS,
    RETRY_KEEP_SECONDS,
    SUB_COLUMNS,
    CachedCard,
    Clock,
    FeedState,
    OutboxEntry,
    Post,
    Subscription,
    dump_settings,
    dump_source,
    dump_words,
    entry_row,
    feed_row,
    load_settings,
    load_source,
    subscription_row,
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
            await _enable_wal(db)
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
        await self._db.execute(
            "DELETE FROM feed_outbox WHERE done_at < ?", (now - OUTBOX_KEEP_SECONDS,)
        )
        await self._db.execute(
            "DELETE FROM feed_seen WHERE at < ?", (now - FEED_SEEN_KEEP_SECONDS,)
        )

    async def feed_open(self, url: str, title: str, interval: float) -> FeedState:
        now = self._clock()
        await self._db.execute(
            "INSERT OR IGNORE INTO feeds (url, title, next_poll, interval, created)"
            " VALUES (?, ?, ?, ?, ?)",
            (url, title, now, interval, now),
        )
        row = await self._one(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
        assert row is not None  # inserted just now, or there already
        return feed_row(row)

    async def feed(self, feed_id: int) -> FeedState | None:
        row = await self._one(f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,))
        return None if row is None else feed_row(row)

    async def save_feed(self, state: FeedState) -> None:
        await self._db.execute(
            "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, next_poll = ?, interval = ?,"
            " failures = ?, disabled = ?, primed = ? WHERE id = ?",
            (
                state.title,
                state.etag,
                state.last_modified,
                state.next_poll,
                state.interval,
                state.failures,
                int(state.disabled),
                int(state.primed),
                state.id,
            ),
        )

    async def due_feeds(self, now: float, limit: int) -> list[FeedState]:
        async with self._db.execute(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE disabled = 0 AND next_poll <= ?"
            " AND EXISTS (SELECT 1 FROM feed_subscriptions s WHERE s.feed_id = feeds.id"
            " AND s.paused = 0) ORDER BY next_poll LIMIT ?",
            (now, limit),
        ) as cursor:
            return [feed_row(row) for row in await cursor.fetchall()]

    async def next_feed_poll(self) -> float | None:
        row = await self._one(
            "SELECT min(next_poll) FROM feeds WHERE disabled = 0 AND EXISTS (SELECT 1 FROM"
            " feed_subscriptions s WHERE s.feed_id = feeds.id AND s.paused = 0)",
            (),
        )
        return None if row is None or row[0] is None else float(row[0])

    async def subscribe(self, sub: Subscription) -> bool:
        cursor = await self._db.execute(
            f"INSERT OR IGNORE INTO feed_subscriptions ({SUB_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sub.chat_id,
                sub.feed_id,
                dump_words(sub.include),
                dump_words(sub.exclude),
                int(sub.paused),
                sub.mode,
                sub.created,
            ),
        )
        return cursor.rowcount == 1

    async def save_subscription(self, sub: Subscription) -> None:
        await self._db.execute(
            "UPDATE feed_subscriptions SET include_words = ?, exclude_words = ?, paused = ?,"
            " mode = ? WHERE chat_id = ? AND feed_id = ?",
            (
                dump_words(sub.include),
                dump_words(sub.exclude),
                int(sub.paused),
                sub.mode,
                sub.chat_id,
                sub.feed_id,
            ),
        )

    async def unsubscribe(self, chat_id: int, feed_id: int) -> None:
        await self._db.execute(
            "DELETE FROM feed_subscriptions WHERE chat_id = ? AND feed_id = ?", (chat_id, feed_id)
        )
        # What was queued for this chat from this feed is dropped with the subscription.
        await self._db.execute(
            "UPDATE feed_outbox SET done_at = ? WHERE chat_id = ? AND feed_id = ?"
            " AND done_at IS NULL",
            (self._clock(), chat_id, feed_id),
        )

    async def subscriptions(
        self, *, chat_id: int | None = None, feed_id: int | None = None
    ) -> list[Subscription]:
        async with self._db.execute(
            f"SELECT {SUB_COLUMNS} FROM feed_subscriptions WHERE (? IS NULL OR chat_id = ?)"
            " AND (? IS NULL OR feed_id = ?) ORDER BY created, feed_id",
            (chat_id, chat_id, feed_id, feed_id),
        ) as cursor:
            return [subscription_row(row) for row in await cursor.fetchall()]

    async def seen_keys(self, feed_id: int, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), _BATCH):  # SQLite caps a statement's parameters
            batch = keys[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            async with self._db.execute(
                f"SELECT key FROM feed_seen WHERE feed_id = ? AND key IN ({marks})",
                (feed_id, *batch),
            ) as cursor:
                found.update(str(row[0]) for row in await cursor.fetchall())
        return found

    async def enqueue_items(self, feed_id: int, posts: list[Post], seen: list[str]) -> None:
        now = self._clock()
        # The outbox first, then the seen marks: a crash between them queues the items again
        # on the next poll, and the unique (chat, feed, item) key makes that add nothing.
        await self._db.executemany(
            "INSERT OR IGNORE INTO feed_outbox (chat_id, feed_id, item_key, payload, at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(p.chat_id, feed_id, p.item_key, p.payload, now) for p in posts],
        )
        await self._db.executemany(
            "INSERT OR REPLACE INTO feed_seen (feed_id, key, at) VALUES (?, ?, ?)",
            [(feed_id, key, now) for key in seen],
        )

    async def outbox_pending(self, limit: int) -> list[OutboxEntry]:
        async with self._db.execute(
            f"SELECT {ENTRY_COLUMNS} FROM feed_outbox WHERE done_at IS NULL ORDER BY id LIMIT ?",
            (limit,),
        ) as cursor:
            return [entry_row(row) for row in await cursor.fetchall()]

    async def outbox_done(self, entry_id: int, message_id: int | None) -> None:
        await self._db.execute(
            "UPDATE feed_outbox SET done_at = ?, message_id = ? WHERE id = ?",
            (self._clock(), message_id, entry_id),
        )

    async def feed_posts_since(self, chat_id: int, feed_id: int, since: float) -> int:
        row = await self._one(
            "SELECT count(*) FROM feed_outbox WHERE chat_id = ? AND feed_id = ?"
            " AND done_at >= ? AND message_id IS NOT NULL",
            (chat_id, feed_id, since),
        )
        return 0 if row is None else int(row[0])


# Keys per `IN (...)` query: well under SQLite's 999-parameter floor of older builds.
_BATCH = 500


# SQLite answers "database is locked" at once, without its busy handler, when connections race
# to switch a new file to WAL; the switch is retried for about as long as the busy timeout.
_WAL_TRIES = 100
_WAL_PAUSE = 0.05


async def _enable_wal(db: aiosqlite.Connection) -> None:
    """Switch the file to WAL (a no-op once it is), retrying while another opener holds the lock."""
    for attempt in range(_WAL_TRIES):
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == _WAL_TRIES - 1:
                raise
            log.debug("store file locked by another opener; switching it to WAL again")
            await asyncio.sleep(_WAL_PAUSE)


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
