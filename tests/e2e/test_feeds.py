"""Feeds through the real bot and the fake Bot API: a channel subscribes, new items become cards.

The poller's clock is not waited for: each test calls `poll_due(now)` and `drain()` on the running
bot's poller with a time past every feed's next poll (its background loops run too; both steps
take their own lock, so nothing is done twice)."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from bot.app import App
from bot.workers import ProcessWorkers
from tests.e2e.harness import TOKEN, make_settings, running, until_finished
from tests.e2e.process import BotProcess
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import BOT_ID, FakeBotAPI, Sent, visible_text
from tests.fakes.feeds import Item, rss
from tests.fakes.pages import Feed

CHANNEL, GROUP, ADMIN, STRANGER = -1007001, -1007002, 71, 72


def stories(pages: ArticleServer, *names: str) -> str:
    """An RSS feed whose items (newest first) link to the article server's pages."""
    return rss(
        [Item(f"guid-{n}", f"Story {n}", pages.url(n), f"Teaser of {n}.") for n in reversed(names)]
    )


_jumps = itertools.count(1)


async def poll(app: App, *, drain: bool = True) -> None:
    """Poll as if the longest interval had passed since the last poll, then post the queue."""
    feeds = app.bot_data.feeds
    assert feeds is not None  # opened by post_init
    await feeds.poll_due(time.time() + 2 * feeds.schedule.ceiling * next(_jumps))
    if drain:
        await feeds.drain()


def shown(sent: Sent) -> str:
    return visible_text(sent.text, sent.params.get("parse_mode"))


def headline(card: Sent) -> str:
    """The article name in a card's headline ('Harbour & river <plans> NAME: what changes')."""
    return shown(card).split("<plans> ", 1)[1].split(":", 1)[0]


def cards(api: FakeBotAPI, chat_id: int) -> list[Sent]:
    """The article cards the bot posted in the chat (its command answers left out)."""
    return [s for s in api.sent if s.chat_id == chat_id and "Harbour & river" in shown(s)]


async def command(
    api: FakeBotAPI, app: App, chat: dict[str, object], text: str, **extra: object
) -> Sent:
    """Send a command and wait for the bot's one answer in that chat."""
    before = len(api.sent)
    api.send_text(chat, text, **extra)
    await until_finished(app, api.last_update_id)
    [answer] = [s for s in api.sent[before:] if s.chat_id == chat["id"]]
    return shown(answer)


async def test_channel_subscribes_gets_each_new_item_once_across_a_restart(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: ProcessWorkers
) -> None:
    """Subscribe in the channel; 3 new items give 3 silent cards; none gives none; items queued
    before a restart are posted after it, once."""
    channel = api.chat(CHANNEL, "channel", username="harbour_news")
    feed = Feed(stories(pages, "old"))
    url = pages.feed("/rss", feed)
    settings = make_settings(api, tmp_path)
    async with running(settings, pool) as app:
        answer = await command(api, app, channel, f"/feed add {url}")
        assert "Subscribed to Harbour News" in answer
        await poll(app)
        assert cards(api, CHANNEL) == []  # what the feed listed at subscription is not posted
        feed.publish(stories(pages, "old", "one", "two", "three"))
        await poll(app)
        await api.wait_for(lambda: len(cards(api, CHANNEL)) >= 3)
        posted = cards(api, CHANNEL)
        assert [headline(c) for c in posted] == ["one", "two", "three"]
        assert all(c.params["disable_notification"] is True for c in posted)
        assert all(c.params["link_preview_options"] == {"is_disabled": True} for c in posted)
        await poll(app)  # nothing new published: the feed answers 304, no card
        assert feed.not_modified >= 1
        assert len(cards(api, CHANNEL)) == 3
        feed.publish(stories(pages, "old", "one", "two", "three", "four", "five"))
        await poll(app, drain=False)  # queued (perhaps some sent by the drain loop); then the stop
    async with running(settings, pool) as app:
        await poll(app)
        await api.wait_for(lambda: len(cards(api, CHANNEL)) >= 5)
        await poll(app)
    assert [headline(c) for c in cards(api, CHANNEL)] == ["one", "two", "three", "four", "five"]


async def test_admin_subscribes_a_channel_from_private_and_others_cannot(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """`/feed add @channel URL` in private works for the channel's admin, not for anyone else."""
    api.chat(CHANNEL, "channel", username="harbour_news")
    api.admins[CHANNEL] = {ADMIN, BOT_ID}
    url = pages.feed("/rss", Feed(stories(pages, "a")))
    refused = await command(api, bot, api.chat(STRANGER), f"/feed add @harbour_news {url}")
    assert "administrator" in refused
    done = await command(api, bot, api.chat(ADMIN), f"/feed add @harbour_news {url}")
    assert "Subscribed to Harbour News" in done
    listed = await command(api, bot, api.chat(ADMIN), "/feed list @harbour_news")
    assert "1. Harbour News" in listed
    assert "Harbour News" not in (await command(api, bot, api.chat(ADMIN), "/feed list"))


async def test_group_members_cannot_change_feeds_and_admins_manage_them(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """In a group only admins add, filter, pause and remove; bad input gets a polite answer."""
    group = api.chat(GROUP, "supergroup")
    api.admins[GROUP] = {ADMIN}
    url = pages.feed("/rss", Feed(stories(pages, "a")))
    member = await command(api, bot, group, f"/feed add {url}", user_id=STRANGER)
    assert "Only admins" in member
    assert "Subscribed" in (await command(api, bot, group, f"/feed add {url}", user_id=ADMIN))
    not_feed = await command(api, bot, group, f"/feed add {pages.url('x')}", user_id=ADMIN)
    assert "couldn't find a feed" in not_feed
    bad = await command(api, bot, group, "/feed filter 1 +", user_id=ADMIN)
    assert "+word" in bad
    saved = await command(api, bot, group, "/feed filter 1 +harbour -ads", user_id=ADMIN)
    assert "+harbour -ads" in saved
    assert "paused" in (await command(api, bot, group, "/feed pause 1", user_id=ADMIN)).lower()
    digest = await command(api, bot, group, "/feed digest 1 on", user_id=ADMIN)
    assert "comes as a digest now: one message every 24 h" in digest
    assert "digest N on" in (await command(api, bot, group, "/feed digest 1 maybe", user_id=ADMIN))
    listed = await command(api, bot, group, "/feed list", user_id=ADMIN)
    assert "digest" in listed
    assert "paused" in listed
    assert "filter: +harbour -ads" in listed
    assert "no feed number 9" in (await command(api, bot, group, "/feed remove 9", user_id=ADMIN))
    assert "Unsubscribed" in (await command(api, bot, group, "/feed remove 1", user_id=ADMIN))
    assert "No feeds here" in (await command(api, bot, group, "/feed list", user_id=ADMIN))


async def test_kill_9_while_posting_then_restart_posts_the_rest_once(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path
) -> None:
    """The real process, killed with cards accepted and cards in flight: after the restart each
    item has exactly one card. (Feeds poll every 10 s here so the process polls by itself.)"""
    channel = api.chat(CHANNEL, "channel")
    feed = Feed(stories(pages, "old"))
    url = pages.feed("/rss", feed)
    quick = {"FEED_INTERVAL_SECONDS": "10", "FEED_MAX_INTERVAL_SECONDS": "10"}
    first = BotProcess(api.base_url, TOKEN, tmp_path, **quick).start()
    try:
        api.send_text(channel, f"/feed add {url}")
        await api.wait_until(lambda: any("Subscribed" in s.text for s in api.sent), within=120)
        api.hold_sends(after=len(api.sent) + 2)
        feed.publish(stories(pages, "old", *NAMES))
        await api.wait_until(lambda: len(api.held) > 0, within=120)
    finally:
        await first.kill()
    assert [headline(c) for c in cards(api, CHANNEL)] == list(NAMES[:2])
    second = BotProcess(api.base_url, TOKEN, tmp_path, **quick).start()
    try:
        await api.wait_until(api.held_gone)
        api.release()
        await api.wait_until(lambda: len(cards(api, CHANNEL)) >= len(NAMES), within=180)
    finally:
        assert await second.stop() == 0
    assert [headline(c) for c in cards(api, CHANNEL)] == list(NAMES)


NAMES = ("k1", "k2", "k3", "k4", "k5", "k6")
