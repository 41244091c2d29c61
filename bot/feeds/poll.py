"""FeedPoller: poll the feeds that are due, queue their new items per chat, post the queue.

    poll_due(now)  every enabled feed past its next poll that an unpaused subscription wants: one
                   conditional GET per feed (however many chats subscribe), parsed in the workers,
                   new items (bot.feeds.dedupe) queued in the store's outbox per chat that the
                   subscription's filters let through, the feed's next poll set (schedule.py)
    drain(now)     the outbox, oldest first per chat, chats side by side: each item's link becomes
                   a card through the Service exactly as a link a person sends (the chat's settings,
                   the cache); when the page gives no card, a card from the feed's own text; at most
                   FEED_POSTS_PER_HOUR cards per feed and chat in any hour, the rest stay queued.
                   A digest subscription's items wait until the oldest is FEED_DIGEST_SECONDS old,
                   then go out as one message (digest.py)
    start / stop   the two loops above in the background, each woken when it has work

What survives a restart or kill -9 is what the store holds: an item is queued before it is marked
seen (a crash between queues it again, which adds nothing), and a queued item is marked done with
its message id the moment Telegram accepted it. The one window left is the journal's own: a card
Telegram accepted just before the process died, not yet marked, is sent again after the restart.

Only one process may run a FeedPoller on a store (in a multi-process setup: one role runs it);
within a process `poll_due` and `drain` each run one at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.config import Settings
from bot.errors import BusyError, GistError, NotFeedError
from bot.feeds.cards import plain_card, with_hashtags
from bot.feeds.dedupe import item_keys, new_items
from bot.feeds.digest import render_digest
from bot.feeds.filters import passes
from bot.feeds.items import Alternates, FeedItem, Notice, ParsedFeed, dump_item, load_item
from bot.feeds.subscribe import FeedFetching, fetch_parsed, find_feed
from bot.i18n import messages as msg
from bot.i18n import translator
from bot.models import NotModified, Page, Source, TextSource, UrlSource, Validators
from bot.service import Request, Service
from bot.storage.base import FeedState, OutboxEntry, Post, Subscription
from bot.urls import normalize_url

log = logging.getLogger(__name__)
# Seconds between rounds when nothing wakes a loop sooner: a capped chat's queue moves on then.
TICK_SECONDS = 60.0
HOUR = 3600.0
DUE_BATCH = 500  # feeds read from the store per query
OUTBOX_BATCH = 1000  # queued entries read per drain round


class ChatGoneError(Exception):
    """The bot can no longer post in this chat (removed, blocked, chat deleted)."""


class Sender(Protocol):
    """How the poller reaches a chat; bot/app.py gives one over the Bot API."""

    async def send(self, chat_id: int, text: str) -> int:
        """Send Telegram HTML; the message id. ChatGoneError when the chat is out of reach."""
        ...


class TooManyFeedsError(GistError):
    message = msg.FEED_TOO_MANY


@dataclass
class PollReport:
    """What one `poll_due` did, for logs, tests and the benchmark."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    disabled: int = 0
    queued: int = 0


class FeedPoller:
    """The feed component: subscriptions in, cards out; start/stop with the application."""

    def __init__(
        self,
        service: Service,
        fetcher: FeedFetching,
        sender: Sender,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.service = service
        self.store = service.store
        self.fetcher = fetcher
        self.sender = sender
        self.clock = clock
        settings: Settings = service.settings
        self.schedule = settings.feed_schedule()
        self.posts_per_hour = settings.feed_posts_per_hour
        self.max_subscriptions = settings.feed_max_subscriptions
        self.digest_seconds = settings.feed_digest_seconds
        self.digest_items = settings.feed_digest_items
        self._concurrency = settings.feed_poll_concurrency
        self._poll_lock = asyncio.Lock()
        self._drain_lock = asyncio.Lock()
        self._poll_wake = asyncio.Event()
        self._drain_wake = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []

    # --- subscriptions -----------------------------------------------------------------------

    async def subscribe(self, chat_id: int, url: str) -> tuple[FeedState, bool]:
        """Subscribe `chat_id` to the feed at (or linked from) `url`: (the feed, whether new).
        What the feed lists now is recorded as seen, so nothing old is posted."""
        current = await self.store.subscriptions(chat_id=chat_id)
        if len(current) >= self.max_subscriptions:  # asked again below for a feed it follows
            known = await self._followed(current, url)
            if known is not None:
                return known, False
            raise TooManyFeedsError(params={"limit": self.max_subscriptions})
        found, page, parsed = await find_feed(self.fetcher, self.service.pipeline.workers, url)
        now = self.clock()
        state = await self.store.feed_open(normalize_url(found), parsed.title, self.schedule.base)
        if not state.primed or state.disabled:
            state = _validated(state, page, parsed)
            await self._queue_new(state, parsed)
            state = dataclasses.replace(
                state,
                primed=True,
                disabled=False,
                failures=0,
                interval=self.schedule.base,
                next_poll=now + self.schedule.base,
            )
            await self.store.save_feed(state)
        created = await self.store.subscribe(Subscription(chat_id, state.id, created=now))
        self._poll_wake.set()
        return state, created

    async def _followed(self, current: list[Subscription], url: str) -> FeedState | None:
        """The feed at `url` (as given) among the chat's subscriptions, if it is there."""
        wanted = normalize_url(url)
        for sub in current:
            state = await self.store.feed(sub.feed_id)
            if state is not None and state.url == wanted:
                return state
        return None

    # --- polling -----------------------------------------------------------------------------

    async def poll_due(self, now: float | None = None) -> PollReport:
        """Poll every feed due by `now` (the clock's time when None) once."""
        report = PollReport()
        async with self._poll_lock:
            when = self.clock() if now is None else now
            gate = asyncio.Semaphore(self._concurrency)
            done: set[int] = set()
            while True:
                due = [f for f in await self.store.due_feeds(when, DUE_BATCH) if f.id not in done]
                if not due:
                    break
                done.update(f.id for f in due)
                await asyncio.gather(*(self._poll_one(f, when, gate, report) for f in due))
        if report.queued:
            self._drain_wake.set()
        return report

    async def _poll_one(
        self, feed: FeedState, now: float, gate: asyncio.Semaphore, report: PollReport
    ) -> None:
        async with gate:
            report.polled += 1
            try:
                answer = await fetch_parsed(
                    self.fetcher,
                    self.service.pipeline.workers,
                    feed.url,
                    Validators(feed.etag, feed.last_modified),
                )
                if isinstance(answer, NotModified):
                    report.not_modified += 1
                    await self.store.save_feed(
                        self.schedule.after_success(feed, now, changed=False)
                    )
                    return
                page, parsed = answer
                if isinstance(parsed, Alternates):  # the feed's address now serves a web page
                    raise NotFeedError(f"{feed.url}: a page, not a feed")
                state = _validated(feed, page, parsed)
                queued = await self._queue_new(state, parsed)
                report.queued += queued
                state = dataclasses.replace(state, primed=True)
                await self.store.save_feed(
                    self.schedule.after_success(state, now, changed=queued > 0)
                )
            except Exception as exc:  # a failing feed costs its own schedule, nobody else's poll
                report.failed += 1
                log.info("feed %s failed: %s: %s", feed.url, type(exc).__name__, exc)
                state = self.schedule.after_failure(feed, now)
                if state.disabled:
                    report.disabled += 1
                    await self._tell_disabled(state)
                await self.store.save_feed(state)

    async def _queue_new(self, feed: FeedState, parsed: ParsedFeed) -> int:
        """Queue the feed's unseen items for each subscribed chat its filters admit, then mark
        every item listed as seen (an unprimed feed's items are only marked). Rows queued."""
        keyed = [(item, item_keys(item)) for item in parsed.items]
        listed = list(dict.fromkeys(k for _, keys in keyed for k in keys))
        fresh = new_items(parsed.items, await self.store.seen_keys(feed.id, listed))
        posts: list[Post] = []
        if feed.primed and fresh:
            subs = [s for s in await self.store.subscriptions(feed_id=feed.id) if not s.paused]
            posts = [
                Post(sub.chat_id, keys[0], dump_item(item))
                for item, keys in fresh
                for sub in subs
                if passes(item, sub.include, sub.exclude)
            ]
        await self.store.enqueue_items(feed.id, posts, listed)
        return len(posts)

    async def _tell_disabled(self, feed: FeedState) -> None:
        log.warning("feed %s disabled after %d failures in a row", feed.url, feed.failures)
        notice = dump_item(Notice("disabled", feed.url, feed.title))
        subs = await self.store.subscriptions(feed_id=feed.id)
        posts = [Post(s.chat_id, f"notice:disabled:{feed.failures}", notice) for s in subs]
        await self.store.enqueue_items(feed.id, posts, [])
        self._drain_wake.set()

    # --- posting -----------------------------------------------------------------------------

    async def drain(self, now: float | None = None) -> int:
        """Post what is queued, chats side by side, each chat's oldest first; cards sent."""
        async with self._drain_lock:
            when = self.clock() if now is None else now
            chats: dict[int, list[OutboxEntry]] = {}
            for entry in await self.store.outbox_pending(OUTBOX_BATCH):
                chats.setdefault(entry.chat_id, []).append(entry)
            sent = await asyncio.gather(*(self._drain_chat(e, when) for e in chats.values()))
            return sum(sent)

    async def _drain_chat(self, entries: list[OutboxEntry], now: float) -> int:
        sent = 0
        capped: set[int] = set()
        subs = await self.store.subscriptions(chat_id=entries[0].chat_id)
        digests = {s.feed_id for s in subs if s.mode == "digest"}
        waiting: dict[int, list[tuple[OutboxEntry, FeedItem]]] = {}
        for entry in entries:
            if self._stopping:
                break
            if entry.feed_id in capped:
                continue
            posted = await self.store.feed_posts_since(entry.chat_id, entry.feed_id, now - HOUR)
            if posted >= self.posts_per_hour:  # stays queued; a later round posts it
                capped.add(entry.feed_id)
                continue
            try:
                item = load_item(entry.payload)
            except (TypeError, ValueError, KeyError) as exc:  # never sendable: not a blocker
                log.error("feed outbox entry %s unreadable, dropped: %s", entry.id, exc)
                await self.store.outbox_done(entry.id, None)
                continue
            if entry.feed_id in digests and isinstance(item, FeedItem):
                waiting.setdefault(entry.feed_id, []).append((entry, item))
                continue
            try:
                text = await self._text(entry.chat_id, item)
                message_id = await self.sender.send(entry.chat_id, text)
            except ChatGoneError:
                await self._chat_gone(entry.chat_id, entries)
                return sent
            except Exception as exc:  # Telegram or the network: this chat's queue waits a round
                log.warning("feed card for chat %s not sent: %s", entry.chat_id, exc)
                return sent
            await self.store.outbox_done(entry.id, message_id)
            sent += 1
        for group in waiting.values():
            if self._stopping or now - group[0][0].at < self.digest_seconds:
                continue  # the period is not over: the digest collects more
            try:
                message_id = await self.sender.send(group[0][0].chat_id, await self._digest(group))
            except ChatGoneError:
                await self._chat_gone(group[0][0].chat_id, entries)
                return sent
            except Exception as exc:
                log.warning("feed digest for chat %s not sent: %s", group[0][0].chat_id, exc)
                return sent
            for entry, _ in group:
                await self.store.outbox_done(entry.id, message_id)
            sent += 1
        return sent

    async def _digest(self, group: list[tuple[OutboxEntry, FeedItem]]) -> str:
        chat = await self.store.chat_settings(group[0][0].chat_id)
        feed = await self.store.feed(group[0][0].feed_id)
        title = (feed.title or feed.url) if feed is not None else ""
        items = [item for _, item in group]
        return render_digest(title, items, translator(chat.language or None), self.digest_items)

    async def _chat_gone(self, chat_id: int, entries: list[OutboxEntry]) -> None:
        """The bot was removed: pause the chat's subscriptions, drop what was queued for it."""
        log.info("chat %s is out of reach: its feed subscriptions are paused", chat_id)
        for sub in await self.store.subscriptions(chat_id=chat_id):
            await self.store.save_subscription(dataclasses.replace(sub, paused=True))
        for entry in entries:
            await self.store.outbox_done(entry.id, None)

    async def _text(self, chat_id: int, item: FeedItem | Notice) -> str:
        """The message for one queued entry: a notice, or the item's card."""
        chat = await self.store.chat_settings(chat_id)
        if isinstance(item, Notice):
            labels = translator(chat.language or None)
            return labels.gettext(
                msg.FEED_DISABLED,
                title=html.escape(item.feed_title or item.feed_url),
                url=html.escape(item.feed_url),
            )
        return await self.card(chat_id, item)

    async def card(self, chat_id: int, item: FeedItem) -> str:
        """The item's card: its page summarized like any link; else from the feed's own text;
        else its title and summary as they are. BusyError (the job queue is full) propagates:
        the entry waits for a later round."""
        options = (await self.store.chat_settings(chat_id)).options()
        request = Request(chat_id, "channel", None, explicit=False)
        sources: list[Source] = []
        if item.link:
            sources.append(UrlSource(item.link))
        if item.text:
            sources.append(TextSource(f"{item.title}\n\n{item.text}", origin=item.link or None))
        for source in sources:
            try:
                card = (await self.service.card(source, options, request=request)).html
                return with_hashtags(card, item.categories)
            except BusyError:
                raise
            except Exception as exc:  # the next source, or the plain card
                log.info("feed item %s: no card from %s: %s", item.link, type(source).__name__, exc)
        return with_hashtags(plain_card(item), item.categories)

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Run the poll and drain loops in the background (the queue left by the last run first)."""
        self._stopping = False
        self._drain_wake.set()
        self._tasks = [
            asyncio.create_task(self._loop(self.poll_due, self._poll_wake), name="feed-poll"),
            asyncio.create_task(self._loop(self.drain, self._drain_wake), name="feed-drain"),
        ]

    async def stop(self, grace: float = 10.0) -> None:
        """Stop both loops: a card being sent gets `grace` seconds to be sent and marked."""
        self._stopping = True
        self._poll_wake.set()
        self._drain_wake.set()
        tasks, self._tasks = self._tasks, []
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        await self.fetcher.close()

    async def _loop(self, step: Callable[[], Awaitable[object]], wake: asyncio.Event) -> None:
        while not self._stopping:
            wake.clear()
            try:
                await step()
            except Exception:
                log.exception("feed loop step failed; trying again at the next tick")
            delay = TICK_SECONDS
            if step == self.poll_due:
                due = await _quietly(self.store.next_feed_poll())
                if due is not None:
                    delay = min(max(due - self.clock(), 1.0), TICK_SECONDS)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), delay)


def _validated(feed: FeedState, page: Page, parsed: ParsedFeed) -> FeedState:
    """The feed's state with this answer's validators and title."""
    return dataclasses.replace(
        feed,
        etag=page.etag,
        last_modified=page.last_modified,
        title=parsed.title or feed.title,
    )


async def _quietly(call: Awaitable[float | None]) -> float | None:
    try:
        return await call
    except Exception:
        log.exception("could not read the next feed poll time")
        return None
