"""The SQLite store: round trips and pruning."""

from __future__ import annotations

from pathlib import Path

from bot.chats import ChatSettings
from bot.models import TextSource, UrlSource
from bot.storage import CachedCard, SqliteStore


async def test_store_round_trips(tmp_path: Path) -> None:
    """Settings, cache with TTL, seen URLs, journal and retries survive a reopen of the file."""
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    await store.save_chat_settings(1, ChatSettings(length="long", skip_domains=("x.com",)))
    await store.cache_card("k", CachedCard("<b>x</b>", 120))
    await store.remember_url(1, "https://e.com/", 42)
    assert await store.journal_add(10, '{"update_id": 10}')
    assert not await store.journal_add(10, '{"update_id": 10}')
    await store.record_reply(10, 0, 1, 43)
    retry_id = await store.save_retry(TextSource("body", "https://t.me/c/1"))
    await store.close()
    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    assert (await store.chat_settings(1)).skip_domains == ("x.com",)
    assert await store.cached_card("k", max_age=60) == CachedCard("<b>x</b>", 120)
    assert await store.cached_card("k", max_age=0) is None
    assert await store.seen_url(1, "https://e.com/", max_age=60) == 42
    assert await store.journal_pending() == ['{"update_id": 10}']
    assert await store.reply_for(10, 0) == 43
    await store.journal_done(10)
    assert await store.journal_pending() == []
    assert await store.is_done(10)
    assert await store.load_retry(retry_id) == TextSource("body", "https://t.me/c/1")
    assert await store.load_retry(await store.save_retry(UrlSource("https://e.com"))) == UrlSource(
        "https://e.com"
    )
    await store.close()


async def test_prune_keeps_fresh_rows(tmp_path: Path) -> None:
    """Pruning drops expired cache entries and keeps fresh ones and unfinished journal entries."""
    store = await SqliteStore.open(tmp_path / "p.sqlite3")
    await store.cache_card("k", CachedCard("x", 1))
    await store.journal_add(1, "{}")
    await store.prune(cache_ttl=3600, repeat_window=3600)
    assert await store.cached_card("k", max_age=3600) is not None
    await store.prune(cache_ttl=-1, repeat_window=-1)
    assert await store.cached_card("k", max_age=3600) is None
    assert await store.journal_pending() == ["{}"]
    await store.close()
