"""The poller on real parts: subscribe, poll, queue, post; conditional GETs, failures, limits."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from bot.errors import NotFeedError
from bot.feeds.poll import TooManyFeedsError
from bot.storage import SqliteStore
from bot.storage.base import Post
from tests.fakes.articles import ArticleServer
from tests.fakes.feeds import Item, atom, rdf, rss, site_page
from tests.fakes.pages import Feed
from tests.feeds.conftest import FeedWorld, RecordingSender, close_world, feed_settings, open_world
from tests.storage.conftest import FakeClock

CHANNEL, GROUP = -1001, -1002
pytestmark = pytest.mark.usefixtures("outbound")


def items(world: FeedWorld, *names: str, prefix: str = "/a/") -> list[Item]:
    """Items linking to the article server's pages, newest first as feeds list them."""
    return [
        Item(f"guid-{n}", f"Story {n}", world.pages.url(f"{prefix}{n}"), f"Teaser of story {n}.")
        for n in reversed(names)
    ]


async def later(world: FeedWorld) -> None:
    """Move past every feed's next poll, poll, and post what was queued."""
    world.clock.advance(world.settings.feed_max_interval_seconds + 1)
    await world.poller.poll_due()
    await world.poller.drain()


async def test_subscribe_posts_nothing_old_then_each_new_item_once(world: FeedWorld) -> None:
    """The items listed at subscription are not posted; each later one is, once, as a card."""
    feed = Feed(rss(items(world, "old1", "old2")))
    url = world.pages.feed("/rss", feed)
    state, created = await world.poller.subscribe(CHANNEL, url)
    assert created
    assert state.title == "Harbour News"
    await later(world)
    assert world.sender.posted == []
    feed.publish(rss(items(world, "old1", "old2", "new1", "new2", "new3")))
    await later(world)
    texts = world.sender.texts(CHANNEL)
    assert len(texts) == 3
    assert ["new1" in texts[0], "new2" in texts[1], "new3" in texts[2]] == [True] * 3
    assert all("Harbour &amp; river" in t for t in texts)  # the article's page, not the teaser
    await later(world)
    assert len(world.sender.posted) == 3


async def test_unchanged_feed_costs_a_304_and_slows_down(world: FeedWorld) -> None:
    """A feed that did not change answers 304 to the validators; its interval grows."""
    feed = Feed(rss(items(world, "a")))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    world.clock.advance(world.settings.feed_interval_seconds + 1)
    report = await world.poller.poll_due()
    assert (report.polled, report.not_modified, feed.full, feed.not_modified) == (1, 1, 1, 1)
    [sub] = await world.store.subscriptions(chat_id=CHANNEL)
    state = await world.store.feed(sub.feed_id)
    assert state is not None
    assert state.interval == world.settings.feed_interval_seconds * 1.5


async def test_one_fetch_per_feed_however_many_chats(world: FeedWorld) -> None:
    """Two chats on one feed: one request per poll, a card in each chat."""
    feed = Feed(rss(items(world, "a")))
    url = world.pages.feed("/rss", feed)
    await world.poller.subscribe(CHANNEL, url)
    await world.poller.subscribe(GROUP, url)
    requests = len(world.pages.requests)
    feed.publish(rss(items(world, "a", "b")))
    await later(world)
    assert world.pages.requests[requests:].count("/rss") == 1
    assert len(world.sender.texts(CHANNEL)) == len(world.sender.texts(GROUP)) == 1


@pytest.mark.parametrize("build", [atom, rdf])
async def test_atom_and_rdf_feeds_post_too(
    world: FeedWorld, build: Callable[[Sequence[Item]], str]
) -> None:
    """Atom 1.0 and RSS 1.0 (RDF) feeds behave like RSS 2.0."""
    feed = Feed(build(items(world, "a")), "application/atom+xml")
    await world.poller.subscribe(CHANNEL, world.pages.feed("/feed", feed))
    feed.publish(build(items(world, "a", "b")))
    await later(world)
    assert len(world.sender.texts(CHANNEL)) == 1


async def test_site_page_leads_to_its_feed(world: FeedWorld) -> None:
    """Subscribing to a site's page subscribes to the feed it links."""
    feed_url = world.pages.feed("/feed.xml", Feed(rss(items(world, "a"))))
    state, _ = await world.poller.subscribe(CHANNEL, world.pages.page("/", site_page(feed_url)))
    assert state.url == feed_url


async def test_not_a_feed_is_refused_and_subscribes_nothing(world: FeedWorld) -> None:
    """A page without feed links raises NotFeedError; the chat has no subscription."""
    with pytest.raises(NotFeedError):
        await world.poller.subscribe(CHANNEL, world.pages.url("story"))
    assert await world.store.subscriptions(chat_id=CHANNEL) == []


async def test_republished_item_with_new_guid_is_not_posted_again(world: FeedWorld) -> None:
    """The same story under a new guid (and its link with a tracking parameter) is not new."""
    first = items(world, "a")
    feed = Feed(rss(first))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    story = items(world, "b")[0]
    feed.publish(rss([story, *first]))
    await later(world)
    moved = dataclasses.replace(story, guid="guid-b-v2", link=story.link + "?utm_source=rss")
    feed.publish(rss([moved, *first]))
    await later(world)
    assert len(world.sender.posted) == 1


async def test_teaser_feed_whose_page_fails_gets_a_card_from_its_own_content(
    world: FeedWorld,
) -> None:
    """A link that answers 404: the card is made from the feed's full content instead."""
    body = " ".join(
        f"Sentence number {n} says the harbour plan changed again after a long debate."
        for n in range(12)
    )
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    dead = Item("d1", "Dead link story", world.pages.dead_url("gone"), "Teaser.", content=body)
    feed.publish(rss([dead]))
    await later(world)
    [text] = world.sender.texts(CHANNEL)
    assert "harbour plan" in text


async def test_filters_choose_items_per_chat(world: FeedWorld) -> None:
    """A chat's +word filter keeps only matching items; another chat gets them all."""
    feed = Feed(rss([]))
    url = world.pages.feed("/rss", feed)
    await world.poller.subscribe(CHANNEL, url)
    await world.poller.subscribe(GROUP, url)
    [sub] = await world.store.subscriptions(chat_id=CHANNEL)
    await world.store.save_subscription(
        dataclasses.replace(sub, include=("story",), exclude=("b",))
    )
    feed.publish(rss(items(world, "a", "b")))
    await later(world)
    assert len(world.sender.texts(CHANNEL)) == 1
    assert len(world.sender.texts(GROUP)) == 2


async def test_hourly_cap_queues_the_rest_in_order(world: FeedWorld) -> None:
    """Past the per-feed cap, items wait in the outbox and go out in order an hour later."""
    cap = world.settings.feed_posts_per_hour
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    names = [f"s{n:02d}" for n in range(cap + 3)]
    feed.publish(rss(items(world, *names)))
    await later(world)
    assert len(world.sender.posted) == cap
    assert len(await world.store.outbox_pending(100)) == 3
    world.clock.advance(3601)
    assert await world.poller.drain() == 3
    assert [f"s{cap + n:02d}" in t for n, t in enumerate(world.sender.texts(CHANNEL)[cap:])] == [
        True
    ] * 3


async def test_failing_feed_backs_off_then_is_disabled_with_a_notice(world: FeedWorld) -> None:
    """An erroring feed is retried later and later; at the limit it stops and the chat is told."""
    feed = Feed(rss(items(world, "a")))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    feed.status = 503
    limit = world.settings.feed_max_failures
    for _ in range(limit):
        await later(world)
    [sub] = await world.store.subscriptions(chat_id=CHANNEL)
    state = await world.store.feed(sub.feed_id)
    assert state is not None
    assert state.disabled
    assert feed.errors == limit
    [notice] = world.sender.texts(CHANNEL)
    assert "stopped checking" in notice
    await later(world)
    assert feed.errors == limit  # a disabled feed is not fetched
    feed.status = 200
    await world.poller.subscribe(GROUP, world.pages.url("/rss"))  # added again: enabled again
    revived = await world.store.feed(sub.feed_id)
    assert revived is not None
    assert not revived.disabled


async def test_chat_gone_pauses_its_subscriptions(world: FeedWorld) -> None:
    """A chat the bot was removed from: its queue is dropped and its feeds paused."""
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    world.sender.gone.add(CHANNEL)
    feed.publish(rss(items(world, "a", "b")))
    await later(world)
    assert await world.store.outbox_pending(10) == []
    assert [s.paused for s in await world.store.subscriptions(chat_id=CHANNEL)] == [True]


async def test_send_failure_keeps_the_queue_for_the_next_round(world: FeedWorld) -> None:
    """A network error while posting loses nothing: the items go out once it works again."""
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    world.sender.failing.add(CHANNEL)
    feed.publish(rss(items(world, "a", "b")))
    await later(world)
    assert world.sender.posted == []
    world.sender.failing.clear()
    assert await world.poller.drain() == 2


async def test_restart_between_poll_and_post_loses_and_doubles_nothing(world: FeedWorld) -> None:
    """Items queued by one poller are posted by the next one on the same store, once."""
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    feed.publish(rss(items(world, "a", "b")))
    world.clock.advance(world.settings.feed_max_interval_seconds + 1)
    await world.poller.poll_due()  # queued, not posted: then the process goes away
    await close_world(world)
    sender = RecordingSender()
    again = await open_world(world.settings, world.pages, world.clock, sender)
    try:
        await later(again)
        await later(again)
        assert len(sender.posted) == 2
    finally:
        await close_world(again)


async def test_a_chat_has_a_limit_of_feeds(tmp_path: Path, pages: ArticleServer) -> None:
    """Past FEED_MAX_SUBSCRIPTIONS the chat is told to remove one first."""
    settings = feed_settings(tmp_path, feed_max_subscriptions=1)
    world = await open_world(settings, pages, FakeClock(), RecordingSender())
    try:
        await world.poller.subscribe(CHANNEL, pages.feed("/one", Feed(rss([]))))
        with pytest.raises(TooManyFeedsError):
            await world.poller.subscribe(CHANNEL, pages.feed("/two", Feed(rss([]))))
        _, created = await world.poller.subscribe(CHANNEL, pages.url("/one"))  # the one it has
        assert not created
    finally:
        await close_world(world)


async def test_card_carries_the_items_categories_as_hashtags(world: FeedWorld) -> None:
    """A feed's categories for an item end its card as hashtags."""
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    [story] = items(world, "a")
    feed.publish(rss([dataclasses.replace(story, categories=("Harbour works", "City"))]))
    await later(world)
    [text] = world.sender.texts(CHANNEL)
    assert text.endswith("\n#Harbour_works #City")


class Killed(BaseException):
    """The process ending mid-step (not an Exception: nothing in the poller catches it)."""


class CrashAfterQueueing(SqliteStore):
    """A store whose process 'dies' right after the outbox rows are written, before seen marks."""

    async def enqueue_items(self, feed_id: int, posts: list[Post], seen: list[str]) -> None:
        if posts:
            await self._db.executemany(
                "INSERT OR IGNORE INTO feed_outbox (chat_id, feed_id, item_key, payload, at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(p.chat_id, feed_id, p.item_key, p.payload, 0.0) for p in posts],
            )
            raise Killed("between the outbox and the seen marks")
        await super().enqueue_items(feed_id, posts, seen)


async def test_crash_between_queueing_and_marking_seen_posts_each_item_once(
    tmp_path: Path, pages: ArticleServer
) -> None:
    """Items queued by a poll that died before marking them seen are queued again by the next
    poll without a second row: each is posted once."""
    settings, clock = feed_settings(tmp_path), FakeClock()
    crashing = await open_world(settings, pages, clock, RecordingSender(), CrashAfterQueueing)
    feed = Feed(rss([]))
    try:
        await crashing.poller.subscribe(CHANNEL, pages.feed("/rss", feed))
        feed.publish(rss(items(crashing, "a", "b")))
        with pytest.raises(Killed):
            await later(crashing)
    finally:
        await close_world(crashing)
    sender = RecordingSender()
    again = await open_world(settings, pages, clock, sender)
    try:
        assert len(await again.store.outbox_pending(10)) == 2
        await later(again)  # the feed still lists both as unseen: queued again, adding nothing
        await later(again)
        assert [t.split("&lt;plans&gt; ")[1][:1] for t in sender.texts(CHANNEL)] == ["a", "b"]
    finally:
        await close_world(again)


async def test_an_unreadable_queue_entry_is_dropped_not_blocking(world: FeedWorld) -> None:
    """A queued row that is not an item (a bug, a hand edit) is dropped; the rest go out."""
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    await world.store.enqueue_items(1, [Post(CHANNEL, "g:broken", '{"nonsense": 1}')], [])
    feed.publish(rss(items(world, "a")))
    await later(world)
    assert len(world.sender.posted) == 1
    assert await world.store.outbox_pending(10) == []


async def test_digest_mode_sends_one_message_per_period(world: FeedWorld) -> None:
    """A digest subscription's items wait for the period to end, then go out as one message
    with their headlines; the chat's other feeds are untouched."""
    feed = Feed(rss([]))
    await world.poller.subscribe(CHANNEL, world.pages.feed("/rss", feed))
    [sub] = await world.store.subscriptions(chat_id=CHANNEL)
    await world.store.save_subscription(dataclasses.replace(sub, mode="digest"))
    feed.publish(rss(items(world, "a", "b", "c")))
    await later(world)
    assert world.sender.posted == []  # the period has not passed
    world.clock.advance(world.settings.feed_digest_seconds)
    assert await world.poller.drain() == 1
    [digest] = world.sender.texts(CHANNEL)
    assert "new items: 3" in digest
    assert digest.index("Story c") < digest.index("Story b") < digest.index("Story a")
    assert "Teaser of story a." in digest
    assert await world.poller.drain() == 0
