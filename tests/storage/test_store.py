"""Every `Store` method, the same assertions on SQLite and on PostgreSQL."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator

import pytest

from bot.chats import ChatSettings
from bot.models import TextSource, UrlSource
from bot.storage import CachedCard, PostgresStore, SqliteStore, Store
from bot.storage.base import JOURNAL_KEEP_SECONDS, RETRY_KEEP_SECONDS
from tests.storage.conftest import Engine, FakeClock

CHANNEL = -1001234567890  # channel and supergroup ids pass 32 bits
BIG_UPDATE = 2**40


@pytest.fixture
async def store(engine: Engine, clock: FakeClock) -> AsyncIterator[Store]:
    store = await engine.open(clock)
    yield store
    await store.close()


def test_both_stores_have_every_store_method_with_its_signature() -> None:
    """SqliteStore and PostgresStore define each Store method with the Protocol's parameters."""
    methods = [n for n in vars(Store) if not n.startswith("_") and callable(getattr(Store, n))]
    assert len(methods) == 34
    for cls in (SqliteStore, PostgresStore):
        for name in methods:
            expected = inspect.signature(getattr(Store, name)).parameters
            assert list(inspect.signature(getattr(cls, name)).parameters) == list(expected), name


async def test_chat_settings_default_until_saved_then_replaced(store: Store) -> None:
    """An unknown chat has the default settings; saving twice keeps the last, per chat."""
    assert await store.chat_settings(CHANNEL) == ChatSettings()
    await store.save_chat_settings(CHANNEL, ChatSettings(length="long", skip_domains=("x.com",)))
    wanted = ChatSettings(quotes=False, auto=False, language="de", min_words=300)
    await store.save_chat_settings(CHANNEL, wanted.with_domains(add=("a.com", "b.com")))
    got = await store.chat_settings(CHANNEL)
    assert got == wanted.with_domains(add=("a.com", "b.com"))
    assert got.skip_domains == ("a.com", "b.com")  # a tuple again, in order
    assert await store.chat_settings(1) == ChatSettings()


async def test_cached_card_lives_for_max_age_and_is_replaced(
    store: Store, clock: FakeClock
) -> None:
    """A cached card is found while younger than max_age; caching the key again replaces it."""
    assert await store.cached_card("k", max_age=60) is None
    await store.cache_card("k", CachedCard("<b>old</b>", 10))
    clock.advance(30)
    await store.cache_card("k", CachedCard("<b>new</b> — ünïcode", 120))
    clock.advance(60)
    assert await store.cached_card("k", max_age=60) == CachedCard("<b>new</b> — ünïcode", 120)
    assert await store.cached_card("k", max_age=59) is None
    assert await store.cached_card("other", max_age=60) is None


async def test_seen_url_per_chat_within_window(store: Store, clock: FakeClock) -> None:
    """A remembered URL answers its message id in that chat only, within the window; last one wins."""
    assert await store.seen_url(CHANNEL, "https://e.com/a", max_age=100) is None
    await store.remember_url(CHANNEL, "https://e.com/a", 5)
    clock.advance(50)
    await store.remember_url(CHANNEL, "https://e.com/a", 2**33)
    clock.advance(100)
    assert await store.seen_url(CHANNEL, "https://e.com/a", max_age=100) == 2**33
    assert await store.seen_url(CHANNEL, "https://e.com/a", max_age=99) is None
    assert await store.seen_url(7, "https://e.com/a", max_age=1000) is None
    assert await store.seen_url(CHANNEL, "https://e.com/b", max_age=1000) is None


async def test_last_link_per_chat_last_one_wins(store: Store) -> None:
    """Each chat's last link is the one set last; other chats have none."""
    assert await store.last_link(CHANNEL) is None
    await store.set_last_link(CHANNEL, "https://e.com/1")
    await store.set_last_link(CHANNEL, "https://e.com/2")
    assert await store.last_link(CHANNEL) == "https://e.com/2"
    assert await store.last_link(CHANNEL + 1) is None


async def test_channel_card_per_post_last_one_wins(store: Store) -> None:
    """A channel post's card id and source key are found by chat and post; saving again replaces."""
    assert await store.channel_card(CHANNEL, 10) is None
    await store.save_channel_card(CHANNEL, 10, 11, "url:a")
    await store.save_channel_card(CHANNEL, 10, 12, "url:b")
    assert await store.channel_card(CHANNEL, 10) == (12, "url:b")
    assert await store.channel_card(CHANNEL, 11) is None
    assert await store.channel_card(1, 10) is None


async def test_journal_adds_once_keeps_first_payload_and_orders_pending(store: Store) -> None:
    """journal_add is True once per id; pending lists unfinished payloads in update id order."""
    assert await store.journal_add(BIG_UPDATE, '{"update_id": "big"}')
    assert await store.journal_add(3, '{"update_id": 3}')
    assert await store.journal_add(1, '{"update_id": 1}')
    assert not await store.journal_add(3, '{"update_id": "again"}')
    assert await store.journal_pending() == [
        '{"update_id": 1}',
        '{"update_id": 3}',
        '{"update_id": "big"}',
    ]


async def test_journal_done_leaves_pending_and_is_done(store: Store) -> None:
    """A finished update is done and no longer pending; unknown and unfinished ones are not done."""
    await store.journal_add(1, "a")
    await store.journal_add(2, "b")
    assert not await store.is_done(1)
    assert not await store.is_done(99)
    await store.journal_done(1)
    await store.journal_done(99)  # an unknown id: nothing to finish, no error
    assert await store.is_done(1)
    assert not await store.is_done(99)
    assert await store.journal_pending() == ["b"]
    assert not await store.journal_add(1, "a")  # finished is still known: never queued again


async def test_replies_per_update_and_part_last_one_wins(store: Store) -> None:
    """A reply is found by update id and part; recording a part again replaces its message id."""
    assert await store.reply_for(BIG_UPDATE, 0) is None
    await store.record_reply(BIG_UPDATE, 0, CHANNEL, 100)
    await store.record_reply(BIG_UPDATE, 1, CHANNEL, 101)
    await store.record_reply(BIG_UPDATE, 1, CHANNEL, 102)
    assert await store.reply_for(BIG_UPDATE, 0) == 100
    assert await store.reply_for(BIG_UPDATE, 1) == 102
    assert await store.reply_for(BIG_UPDATE, 2) is None
    assert await store.reply_for(1, 0) is None


async def test_retries_round_trip_with_distinct_ids(store: Store) -> None:
    """Saved sources come back by their own id, URL and text alike; an unknown id is None."""
    text = TextSource("body «quoted»\nsecond line", "https://t.me/c/1/2")
    url = UrlSource("https://e.com/a?b=c")
    text_id = await store.save_retry(text)
    url_id = await store.save_retry(url)
    assert text_id != url_id
    assert await store.load_retry(text_id) == text
    assert await store.load_retry(url_id) == url
    assert await store.load_retry(max(text_id, url_id) + 1) is None


async def test_everything_survives_close_and_reopen(engine: Engine) -> None:
    """What one store wrote, a store opened later on the same database reads back."""
    first = await engine.open()
    await first.save_chat_settings(CHANNEL, ChatSettings(length="short"))
    await first.cache_card("k", CachedCard("x", 1))
    await first.remember_url(CHANNEL, "u", 9)
    await first.set_last_link(CHANNEL, "u")
    await first.save_channel_card(CHANNEL, 1, 2, "key")
    await first.journal_add(5, "p")
    await first.record_reply(5, 0, CHANNEL, 6)
    retry_id = await first.save_retry(UrlSource("https://e.com"))
    await first.close()
    again = await engine.open()
    assert (await again.chat_settings(CHANNEL)).length == "short"
    assert await again.cached_card("k", max_age=3600) == CachedCard("x", 1)
    assert await again.seen_url(CHANNEL, "u", max_age=3600) == 9
    assert await again.last_link(CHANNEL) == "u"
    assert await again.channel_card(CHANNEL, 1) == (2, "key")
    assert await again.journal_pending() == ["p"]
    assert await again.reply_for(5, 0) == 6
    assert await again.load_retry(retry_id) == UrlSource("https://e.com")
    assert await again.save_retry(UrlSource("https://e.com/2")) > retry_id
    await again.close()


async def test_prune_drops_only_what_has_aged_out(store: Store, clock: FakeClock) -> None:
    """Prune drops old finished updates with their replies, stale cache, links and retries only."""
    assert RETRY_KEEP_SECONDS - 100 > JOURNAL_KEEP_SECONDS  # so "old done" ages out, "fresh" not
    await store.journal_add(1, "old done")
    await store.record_reply(1, 0, CHANNEL, 10)
    await store.journal_done(1)
    await store.journal_add(2, "old pending")
    await store.record_reply(2, 0, CHANNEL, 20)
    old_retry = await store.save_retry(UrlSource("https://e.com/old"))
    await store.cache_card("old", CachedCard("o", 1))
    await store.remember_url(CHANNEL, "old", 30)
    await store.save_chat_settings(CHANNEL, ChatSettings(length="long"))
    await store.set_last_link(CHANNEL, "old")
    await store.save_channel_card(CHANNEL, 1, 2, "k")
    clock.advance(RETRY_KEEP_SECONDS - 100)
    await store.journal_add(3, "fresh done")
    await store.record_reply(3, 0, CHANNEL, 40)
    await store.journal_done(3)
    fresh_retry = await store.save_retry(UrlSource("https://e.com/fresh"))
    await store.cache_card("fresh", CachedCard("f", 1))
    await store.remember_url(CHANNEL, "fresh", 50)
    clock.advance(200)

    await store.prune(cache_ttl=300, repeat_window=300)

    assert not await store.journal_add(2, "x")  # unfinished: kept however old
    assert await store.reply_for(2, 0) == 20
    assert await store.journal_add(1, "x")  # gone, so it is new again
    assert await store.reply_for(1, 0) is None
    assert await store.is_done(3)  # finished, but younger than JOURNAL_KEEP_SECONDS
    assert await store.reply_for(3, 0) == 40
    assert await store.load_retry(old_retry) is None
    assert await store.load_retry(fresh_retry) == UrlSource("https://e.com/fresh")
    assert await store.cached_card("old", max_age=10**9) is None
    assert await store.cached_card("fresh", max_age=10**9) == CachedCard("f", 1)
    assert await store.seen_url(CHANNEL, "old", max_age=10**9) is None
    assert await store.seen_url(CHANNEL, "fresh", max_age=10**9) == 50
    assert (await store.chat_settings(CHANNEL)).length == "long"
    assert await store.last_link(CHANNEL) == "old"
    assert await store.channel_card(CHANNEL, 1) == (2, "k")


async def test_prune_keeps_finished_updates_until_the_journal_window(
    store: Store, clock: FakeClock
) -> None:
    """A finished update and its replies stay exactly as long as JOURNAL_KEEP_SECONDS."""
    await store.journal_add(1, "p")
    await store.record_reply(1, 0, CHANNEL, 10)
    await store.journal_done(1)
    clock.advance(JOURNAL_KEEP_SECONDS - 1)
    await store.prune(cache_ttl=3600, repeat_window=3600)
    assert await store.is_done(1)
    clock.advance(2)
    await store.prune(cache_ttl=3600, repeat_window=3600)
    assert not await store.is_done(1)
    assert await store.reply_for(1, 0) is None
