"""`Store` on a PostgreSQL server: one database that any number of bot processes share.

Driver: psycopg 3 with psycopg-pool, rather than asyncpg, because
- it ships its own type hints, so mypy (strict) checks every call here; asyncpg has none of its own;
- it is the driver of the job-queue engine issue 16 proposes (procrastinate is built on psycopg 3
  and its pool), so the bot needs one PostgreSQL driver, not two;
- its binary wheel bundles libpq: nothing to install from the system, on a machine or in an image;
- asyncpg is faster in its own benchmarks, but our statements are few, small and keyed: the round
  trip to the server is the cost, not the driver.

Every method is one statement on a pooled connection in autocommit mode, so each is atomic by
itself and no coroutine sees another's open transaction. Where SQLite relies on its single writer,
this store says what it means: upserts are `ON CONFLICT ... DO UPDATE`, `journal_add` is
`ON CONFLICT DO NOTHING RETURNING` (of two processes adding one update id, the second waits on the
key's lock and gets nothing back: exactly one is told True), `save_retry` takes its id from
`RETURNING`. Migrations run at open in one transaction under an advisory lock, so processes that
start together apply each step once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from psycopg import AsyncConnection
from psycopg.rows import TupleRow
from psycopg_pool import AsyncConnectionPool

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
Pool = AsyncConnectionPool[AsyncConnection[TupleRow]]

# Connections one process keeps at most; more concurrent calls wait for one (up to the pool's
# 30 s timeout). Each call holds a connection for one short statement, so a few go a long way.
POOL_MAX_SIZE = 10
OPEN_TIMEOUT_SECONDS = 30.0


async def open_pool(conninfo: str, *, max_size: int, name: str) -> Pool:
    """An autocommit connection pool, opened and checked; a failed open leaves nothing behind."""
    pool: Pool = AsyncConnectionPool(
        conninfo,
        min_size=1,
        max_size=max_size,
        kwargs={"autocommit": True},
        open=False,
        name=name,
    )
    try:
        await pool.open(wait=True, timeout=OPEN_TIMEOUT_SECONDS)
    except BaseException:
        await pool.close()
        raise
    return pool


# pg_advisory_xact_lock key serializing migrations between processes: "gistbot" in ASCII.
_MIGRATION_LOCK = int.from_bytes(b"gistbot", "big")


class PostgresStore:
    """`Store` in a PostgreSQL database; several processes may open the same one."""

    def __init__(self, pool: Pool, clock: Clock = time.time) -> None:
        self._pool = pool
        self._clock = clock

    @classmethod
    async def open(
        cls,
        conninfo: str,
        *,
        clock: Clock = time.time,
        steps: tuple[migrations.Migration, ...] = migrations.MIGRATIONS,
    ) -> PostgresStore:
        """Connect (a postgresql:// URL or libpq key=value string) and bring the schema up to date.

        `steps` replaces the migration list in tests only.
        """
        pool = await open_pool(conninfo, max_size=POOL_MAX_SIZE, name="gistbot-store")
        try:
            await _migrate(pool, clock, steps)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, clock)

    async def close(self) -> None:
        await self._pool.close()

    async def _one(self, sql: str, args: tuple[object, ...]) -> tuple[Any, ...] | None:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(sql, args)
            return await cursor.fetchone()

    async def _run(self, sql: str, args: tuple[object, ...]) -> None:
        async with self._pool.connection() as conn:
            await conn.execute(sql, args)

    async def chat_settings(self, chat_id: int) -> ChatSettings:
        row = await self._one("SELECT data FROM chat_settings WHERE chat_id = %s", (chat_id,))
        return ChatSettings() if row is None else load_settings(row[0])

    async def save_chat_settings(self, chat_id: int, settings: ChatSettings) -> None:
        await self._run(
            "INSERT INTO chat_settings (chat_id, data) VALUES (%s, %s)"
            " ON CONFLICT (chat_id) DO UPDATE SET data = EXCLUDED.data",
            (chat_id, dump_settings(settings)),
        )

    async def cached_card(self, key: str, max_age: float) -> CachedCard | None:
        row = await self._one(
            "SELECT html, words FROM cards_cache WHERE key = %s AND at >= %s",
            (key, self._clock() - max_age),
        )
        return None if row is None else CachedCard(html=row[0], words=row[1])

    async def cache_card(self, key: str, card: CachedCard) -> None:
        await self._run(
            "INSERT INTO cards_cache (key, html, words, at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (key) DO UPDATE"
            " SET html = EXCLUDED.html, words = EXCLUDED.words, at = EXCLUDED.at",
            (key, card.html, card.words, self._clock()),
        )

    async def seen_url(self, chat_id: int, url: str, max_age: float) -> int | None:
        row = await self._one(
            "SELECT message_id FROM seen_urls WHERE chat_id = %s AND url = %s AND at >= %s",
            (chat_id, url, self._clock() - max_age),
        )
        return None if row is None else int(row[0])

    async def remember_url(self, chat_id: int, url: str, message_id: int) -> None:
        await self._run(
            "INSERT INTO seen_urls (chat_id, url, message_id, at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (chat_id, url) DO UPDATE"
            " SET message_id = EXCLUDED.message_id, at = EXCLUDED.at",
            (chat_id, url, message_id, self._clock()),
        )

    async def last_link(self, chat_id: int) -> str | None:
        row = await self._one("SELECT url FROM last_links WHERE chat_id = %s", (chat_id,))
        return None if row is None else str(row[0])

    async def set_last_link(self, chat_id: int, url: str) -> None:
        await self._run(
            "INSERT INTO last_links (chat_id, url) VALUES (%s, %s)"
            " ON CONFLICT (chat_id) DO UPDATE SET url = EXCLUDED.url",
            (chat_id, url),
        )

    async def channel_card(self, chat_id: int, post_id: int) -> tuple[int, str] | None:
        row = await self._one(
            "SELECT card_id, source_key FROM channel_cards WHERE chat_id = %s AND post_id = %s",
            (chat_id, post_id),
        )
        return None if row is None else (int(row[0]), str(row[1]))

    async def save_channel_card(self, chat_id: int, post_id: int, card_id: int, key: str) -> None:
        await self._run(
            "INSERT INTO channel_cards (chat_id, post_id, card_id, source_key)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (chat_id, post_id) DO UPDATE"
            " SET card_id = EXCLUDED.card_id, source_key = EXCLUDED.source_key",
            (chat_id, post_id, card_id, key),
        )

    async def journal_add(self, update_id: int, payload: str) -> bool:
        # A concurrent insert of the same key waits for the first one's commit, then does
        # nothing and returns no row: of any number of processes, exactly one gets True.
        row = await self._one(
            "INSERT INTO updates (update_id, payload, at) VALUES (%s, %s, %s)"
            " ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
            (update_id, payload, self._clock()),
        )
        return row is not None

    async def journal_add_then(
        self,
        update_id: int,
        payload: str,
        then: Callable[[AsyncConnection[TupleRow]], Awaitable[None]],
    ) -> bool:
        """`journal_add`, and when the update is new, `then(connection)` in the same transaction:
        the ingress enqueues the update's job there, so an update is journaled and queued, or
        neither (a kill between the two cannot leave a journaled update that no job will run)."""
        async with self._pool.connection() as conn, conn.transaction():
            cursor = await conn.execute(
                "INSERT INTO updates (update_id, payload, at) VALUES (%s, %s, %s)"
                " ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
                (update_id, payload, self._clock()),
            )
            if await cursor.fetchone() is None:
                return False
            await then(conn)
        return True

    async def journal_pending(self) -> list[str]:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(
                "SELECT payload FROM updates WHERE NOT done ORDER BY update_id"
            )
            return [str(row[0]) for row in await cursor.fetchall()]

    async def journal_done(self, update_id: int) -> None:
        await self._run("UPDATE updates SET done = TRUE WHERE update_id = %s", (update_id,))

    async def is_done(self, update_id: int) -> bool:
        row = await self._one("SELECT done FROM updates WHERE update_id = %s", (update_id,))
        return row is not None and bool(row[0])

    async def reply_for(self, update_id: int, part: int) -> int | None:
        row = await self._one(
            "SELECT message_id FROM replies WHERE update_id = %s AND part = %s", (update_id, part)
        )
        return None if row is None else int(row[0])

    async def record_reply(self, update_id: int, part: int, chat_id: int, message_id: int) -> None:
        await self._run(
            "INSERT INTO replies (update_id, part, chat_id, message_id) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (update_id, part) DO UPDATE"
            " SET chat_id = EXCLUDED.chat_id, message_id = EXCLUDED.message_id",
            (update_id, part, chat_id, message_id),
        )

    async def save_retry(self, source: Source) -> int:
        kind, payload = dump_source(source)
        row = await self._one(
            "INSERT INTO retries (kind, payload, at) VALUES (%s, %s, %s) RETURNING id",
            (kind, payload, self._clock()),
        )
        assert row is not None  # INSERT ... RETURNING always returns the inserted row
        return int(row[0])

    async def load_retry(self, retry_id: int) -> Source | None:
        row = await self._one("SELECT kind, payload FROM retries WHERE id = %s", (retry_id,))
        return None if row is None else load_source(str(row[0]), str(row[1]))

    async def prune(self, cache_ttl: float, repeat_window: float) -> None:
        """Drop what can no longer matter: old journal entries, expired cache, links, retries."""
        now = self._clock()
        async with self._pool.connection() as conn, conn.transaction():
            # One statement for an entry and its replies: no other process can finish an old
            # update between the two deletes and leave its replies behind.
            await conn.execute(
                "WITH old AS (DELETE FROM updates WHERE done AND at < %s RETURNING update_id)"
                " DELETE FROM replies WHERE update_id IN (SELECT update_id FROM old)",
                (now - JOURNAL_KEEP_SECONDS,),
            )
            await conn.execute("DELETE FROM cards_cache WHERE at < %s", (now - cache_ttl,))
            await conn.execute("DELETE FROM seen_urls WHERE at < %s", (now - repeat_window,))
            await conn.execute("DELETE FROM retries WHERE at < %s", (now - RETRY_KEEP_SECONDS,))
            await conn.execute(
                "DELETE FROM feed_outbox WHERE done_at < %s", (now - OUTBOX_KEEP_SECONDS,)
            )
            await conn.execute(
                "DELETE FROM feed_seen WHERE at < %s", (now - FEED_SEEN_KEEP_SECONDS,)
            )

    async def _all(self, sql: str, args: tuple[object, ...]) -> list[tuple[Any, ...]]:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(sql, args)
            return await cursor.fetchall()

    async def feed_open(self, url: str, title: str, interval: float) -> FeedState:
        now = self._clock()
        # DO UPDATE of nothing rather than DO NOTHING: RETURNING then gives the existing row too.
        row = await self._one(
            "INSERT INTO feeds (url, title, next_poll, interval, created)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET url = EXCLUDED.url"
            f" RETURNING {FEED_COLUMNS}",
            (url, title, now, interval, now),
        )
        assert row is not None  # an upsert with RETURNING always returns its row
        return feed_row(row)

    async def feed(self, feed_id: int) -> FeedState | None:
        row = await self._one(f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = %s", (feed_id,))
        return None if row is None else feed_row(row)

    async def save_feed(self, state: FeedState) -> None:
        await self._run(
            "UPDATE feeds SET title = %s, etag = %s, last_modified = %s, next_poll = %s,"
            " interval = %s, failures = %s, disabled = %s, primed = %s WHERE id = %s",
            (
                state.title,
                state.etag,
                state.last_modified,
                state.next_poll,
                state.interval,
                state.failures,
                state.disabled,
                state.primed,
                state.id,
            ),
        )

    async def due_feeds(self, now: float, limit: int) -> list[FeedState]:
        rows = await self._all(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE NOT disabled AND next_poll <= %s"
            " AND EXISTS (SELECT 1 FROM feed_subscriptions s WHERE s.feed_id = feeds.id"
            " AND NOT s.paused) ORDER BY next_poll LIMIT %s",
            (now, limit),
        )
        return [feed_row(row) for row in rows]

    async def next_feed_poll(self) -> float | None:
        row = await self._one(
            "SELECT min(next_poll) FROM feeds WHERE NOT disabled AND EXISTS (SELECT 1 FROM"
            " feed_subscriptions s WHERE s.feed_id = feeds.id AND NOT s.paused)",
            (),
        )
        return None if row is None or row[0] is None else float(row[0])

    async def subscribe(self, sub: Subscription) -> bool:
        row = await self._one(
            f"INSERT INTO feed_subscriptions ({SUB_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (chat_id, feed_id) DO NOTHING RETURNING chat_id",
            (
                sub.chat_id,
                sub.feed_id,
                dump_words(sub.include),
                dump_words(sub.exclude),
                sub.paused,
                sub.mode,
                sub.created,
            ),
        )
        return row is not None

    async def save_subscription(self, sub: Subscription) -> None:
        await self._run(
            "UPDATE feed_subscriptions SET include_words = %s, exclude_words = %s, paused = %s,"
            " mode = %s WHERE chat_id = %s AND feed_id = %s",
            (
                dump_words(sub.include),
                dump_words(sub.exclude),
                sub.paused,
                sub.mode,
                sub.chat_id,
                sub.feed_id,
            ),
        )

    async def unsubscribe(self, chat_id: int, feed_id: int) -> None:
        async with self._pool.connection() as conn, conn.transaction():
            await conn.execute(
                "DELETE FROM feed_subscriptions WHERE chat_id = %s AND feed_id = %s",
                (chat_id, feed_id),
            )
            # What was queued for this chat from this feed is dropped with the subscription.
            await conn.execute(
                "UPDATE feed_outbox SET done_at = %s WHERE chat_id = %s AND feed_id = %s"
                " AND done_at IS NULL",
                (self._clock(), chat_id, feed_id),
            )

    async def subscriptions(
        self, *, chat_id: int | None = None, feed_id: int | None = None
    ) -> list[Subscription]:
        rows = await self._all(
            f"SELECT {SUB_COLUMNS} FROM feed_subscriptions"
            " WHERE (%s::BIGINT IS NULL OR chat_id = %s) AND (%s::BIGINT IS NULL OR feed_id = %s)"
            " ORDER BY created, feed_id",
            (chat_id, chat_id, feed_id, feed_id),
        )
        return [subscription_row(row) for row in rows]

    async def seen_keys(self, feed_id: int, keys: list[str]) -> set[str]:
        rows = await self._all(
            "SELECT key FROM feed_seen WHERE feed_id = %s AND key = ANY(%s)", (feed_id, keys)
        )
        return {str(row[0]) for row in rows}

    async def enqueue_items(self, feed_id: int, posts: list[Post], seen: list[str]) -> None:
        now = self._clock()
        # One transaction here; the order (outbox, then seen marks) is SQLite's, where it matters.
        async with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            await cur.executemany(
                "INSERT INTO feed_outbox (chat_id, feed_id, item_key, payload, at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (chat_id, feed_id, item_key) DO NOTHING",
                [(p.chat_id, feed_id, p.item_key, p.payload, now) for p in posts],
            )
            await cur.executemany(
                "INSERT INTO feed_seen (feed_id, key, at) VALUES (%s, %s, %s)"
                " ON CONFLICT (feed_id, key) DO UPDATE SET at = EXCLUDED.at",
                [(feed_id, key, now) for key in seen],
            )

    async def outbox_pending(self, limit: int) -> list[OutboxEntry]:
        rows = await self._all(
            f"SELECT {ENTRY_COLUMNS} FROM feed_outbox WHERE done_at IS NULL ORDER BY id LIMIT %s",
            (limit,),
        )
        return [entry_row(row) for row in rows]

    async def outbox_done(self, entry_id: int, message_id: int | None) -> None:
        await self._run(
            "UPDATE feed_outbox SET done_at = %s, message_id = %s WHERE id = %s",
            (self._clock(), message_id, entry_id),
        )

    async def feed_posts_since(self, chat_id: int, feed_id: int, since: float) -> int:
        row = await self._one(
            "SELECT count(*) FROM feed_outbox WHERE chat_id = %s AND feed_id = %s"
            " AND done_at >= %s AND message_id IS NOT NULL",
            (chat_id, feed_id, since),
        )
        return 0 if row is None else int(row[0])


async def _migrate(pool: Pool, clock: Clock, steps: tuple[migrations.Migration, ...]) -> None:
    """Apply the pending migrations in one transaction, one process at a time."""
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        await conn.execute(migrations.SCHEMA_VERSION_POSTGRES)
        cursor = await conn.execute("SELECT coalesce(max(version), 0) FROM schema_version")
        row = await cursor.fetchone()
        current = int(row[0]) if row is not None else 0
        for step in migrations.pending(current, steps):
            for statement in step.postgres:
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (%s, %s, %s)",
                (step.version, step.name, clock()),
            )
            log.info("store schema migrated to version %d: %s", step.version, step.name)
