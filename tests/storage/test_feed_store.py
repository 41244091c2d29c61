"""The feed half of `Store`: feeds, subscriptions, seen items and the outbox, on both engines."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest

from bot.storage import Store
from bot.storage.base import OUTBOX_KEEP_SECONDS, Post, Subscription
from tests.storage.conftest import Engine, FakeClock

CHANNEL = -1001234567890


@pytest.fixture
async def store(engine: Engine, clock: FakeClock) -> AsyncIterator[Store]:
    store = await engine.open(clock)
    yield store
    await store.close()


async def test_feed_open_creates_once_and_saves_state(store: Store, clock: FakeClock) -> None:
    """Opening a URL twice gives one feed; its saved poll state reads back as written."""
    first = await store.feed_open("https://e.com/rss", "E news", 900)
    again = await store.feed_open("https://e.com/rss", "other title", 60)
    assert again == first
    assert (first.title, first.interval, first.next_poll, first.primed) == (
        "E news",
        900,
        clock.now,
        False,
    )
    changed = dataclasses.replace(
        first, etag='W/"x"', last_modified="Mon", next_poll=5.0, failures=2, primed=True
    )
    await store.save_feed(changed)
    assert await store.feed(first.id) == changed
    assert await store.feed(first.id + 1000) is None


async def test_due_feeds_need_an_active_subscription_and_an_enabled_feed(
    store: Store, clock: FakeClock
) -> None:
    """Only enabled feeds past their next poll with an unpaused subscriber are due, soonest first."""
    a = await store.feed_open("https://a.com/rss", "", 900)
    b = await store.feed_open("https://b.com/rss", "", 900)
    c = await store.feed_open("https://c.com/rss", "", 900)
    assert await store.due_feeds(clock.now, 10) == []  # nobody subscribes yet
    assert await store.next_feed_poll() is None
    for feed in (a, b, c):
        assert await store.subscribe(Subscription(CHANNEL, feed.id, created=clock.now))
    assert not await store.subscribe(Subscription(CHANNEL, a.id))  # already subscribed
    await store.save_feed(dataclasses.replace(a, next_poll=clock.now - 5))
    await store.save_feed(dataclasses.replace(b, next_poll=clock.now + 60))
    await store.save_feed(dataclasses.replace(c, next_poll=clock.now - 1, disabled=True))
    assert [f.id for f in await store.due_feeds(clock.now, 10)] == [a.id]
    assert [f.id for f in await store.due_feeds(clock.now + 60, 10)] == [a.id, b.id]
    assert [f.id for f in await store.due_feeds(clock.now + 60, 1)] == [a.id]
    assert await store.next_feed_poll() == clock.now - 5
    await store.save_subscription(Subscription(CHANNEL, a.id, paused=True))
    assert [f.id for f in await store.due_feeds(clock.now + 60, 10)] == [b.id]


async def test_subscriptions_by_chat_and_by_feed_with_filters(
    store: Store, clock: FakeClock
) -> None:
    """Subscriptions list per chat (in the order made) and per feed; filters round-trip."""
    a = await store.feed_open("https://a.com/rss", "", 900)
    b = await store.feed_open("https://b.com/rss", "", 900)
    await store.subscribe(Subscription(CHANNEL, b.id, created=1.0))
    await store.subscribe(Subscription(CHANNEL, a.id, created=2.0))
    await store.subscribe(Subscription(7, a.id, created=3.0))
    assert [s.feed_id for s in await store.subscriptions(chat_id=CHANNEL)] == [b.id, a.id]
    assert [s.chat_id for s in await store.subscriptions(feed_id=a.id)] == [CHANNEL, 7]
    wanted = Subscription(
        7, a.id, include=("ünïcode", "rust"), exclude=("ads",), mode="digest", created=3.0
    )
    await store.save_subscription(wanted)
    assert await store.subscriptions(chat_id=7) == [wanted]
    await store.unsubscribe(7, a.id)
    assert await store.subscriptions(chat_id=7) == []
    assert len(await store.subscriptions()) == 2


async def test_seen_keys_and_outbox_queue_once_per_chat_and_item(
    store: Store, clock: FakeClock
) -> None:
    """Queued items come out in order; queueing the same item again adds nothing; seen keys stick."""
    feed = await store.feed_open("https://a.com/rss", "", 900)
    keys = [f"g:{n}" for n in range(1200)]  # more than one SQLite parameter batch
    assert await store.seen_keys(feed.id, keys) == set()
    posts = [
        Post(CHANNEL, "g:1", '{"n": 1}'),
        Post(7, "g:1", '{"n": 1}'),
        Post(CHANNEL, "g:2", "{}"),
    ]
    await store.enqueue_items(feed.id, posts, keys)
    await store.enqueue_items(feed.id, posts[:1], ["g:1"])  # a poll again after a crash
    assert await store.seen_keys(feed.id, [*keys, "g:new"]) == set(keys)
    pending = await store.outbox_pending(10)
    assert [(e.chat_id, e.item_key, e.payload) for e in pending] == [
        (p.chat_id, p.item_key, p.payload) for p in posts
    ]
    assert [e.id for e in await store.outbox_pending(2)] == [e.id for e in pending[:2]]


async def test_outbox_done_counts_posts_in_the_window_and_prunes(
    store: Store, clock: FakeClock
) -> None:
    """Done rows leave the queue; only sent ones count toward the cap; old rows are pruned."""
    feed = await store.feed_open("https://a.com/rss", "", 900)
    posts = [Post(CHANNEL, f"g:{n}", "{}") for n in range(3)]
    await store.enqueue_items(feed.id, posts, [p.item_key for p in posts])
    first, second, third = await store.outbox_pending(10)
    await store.outbox_done(first.id, 101)
    clock.advance(100)
    await store.outbox_done(second.id, None)  # dropped (the chat went away): not a post
    assert [e.id for e in await store.outbox_pending(10)] == [third.id]
    assert await store.feed_posts_since(CHANNEL, feed.id, clock.now - 3600) == 1
    assert await store.feed_posts_since(CHANNEL, feed.id, clock.now - 50) == 0
    assert await store.feed_posts_since(7, feed.id, 0) == 0
    clock.advance(OUTBOX_KEEP_SECONDS + 1)
    await store.prune(cache_ttl=60, repeat_window=60)
    assert await store.feed_posts_since(CHANNEL, feed.id, 0) == 0
    assert [e.id for e in await store.outbox_pending(10)] == [third.id]  # pending is never pruned


async def test_unsubscribe_drops_what_was_queued_for_that_chat(store: Store) -> None:
    """Removing a subscription drops its queued items and no one else's."""
    feed = await store.feed_open("https://a.com/rss", "", 900)
    await store.subscribe(Subscription(CHANNEL, feed.id))
    await store.subscribe(Subscription(7, feed.id))
    await store.enqueue_items(feed.id, [Post(CHANNEL, "g:1", "{}"), Post(7, "g:1", "{}")], ["g:1"])
    await store.unsubscribe(CHANNEL, feed.id)
    assert [e.chat_id for e in await store.outbox_pending(10)] == [7]


async def test_feed_rows_survive_close_and_reopen(engine: Engine, clock: FakeClock) -> None:
    """Feeds, subscriptions, seen keys and the queue are on disk, not in the process."""
    store = await engine.open(clock)
    feed = await store.feed_open("https://a.com/rss", "A", 900)
    await store.subscribe(Subscription(CHANNEL, feed.id, include=("x",)))
    await store.enqueue_items(feed.id, [Post(CHANNEL, "g:1", "{}")], ["g:1"])
    await store.close()
    store = await engine.open(clock)
    try:
        assert await store.feed(feed.id) == feed
        assert [s.include for s in await store.subscriptions(chat_id=CHANNEL)] == [("x",)]
        assert await store.seen_keys(feed.id, ["g:1"]) == {"g:1"}
        assert [e.item_key for e in await store.outbox_pending(10)] == ["g:1"]
    finally:
        await store.close()
