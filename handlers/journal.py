"""Updates survive crashes, stops and Bot API failures: journal each update before Telegram learns
we have it; skip finished ones; try failed deliveries again later.

PTB's Updater puts every update of a getUpdates batch into `update_queue` and only then asks for
the next batch with a higher offset, which is what tells Telegram the batch arrived. Our webhook
server puts the update into the queue before it answers 200. So a queue whose `put` first commits
the update to the journal means: whatever Telegram considers delivered is on disk, and anything
not yet on disk will be delivered again. After a crash, `replay` feeds the unfinished entries
back in; the per-part reply records (handlers.replies) keep sent replies from going out twice.

An update is marked done only when its handling ended. When a reply could not be delivered (a
Bot API 5xx, a dropped connection, a store write that failed) the update stays pending and
`retry_later` queues it again after a backoff, a bounded number of times; whatever is still
pending at a stop is replayed by the next start. On a stop, `close` turns the queue away from new
work: what is still queued stays pending in the journal, in-flight updates get a grace period.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3

import psycopg
from telegram import Message, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import ApplicationHandlerStop, ExtBot

from bot.storage import Store
from handlers.context import Context

log = logging.getLogger(__name__)
# Delivery retries: 2, 4, 8 … s (capped at 2 minutes), 8 tries in all, about 4 minutes; past
# that the update is given up (a Bot API down that long is an outage; the log says which ones).
RETRY_FIRST_DELAY = 2.0
RETRY_MAX_DELAY = 120.0
RETRY_ATTEMPTS = 8


def undelivered(error: object) -> bool:
    """Whether `error` means "the reply may not have gone out, try again": a Bot API 5xx, a
    timeout or dropped connection, or a store write that failed (a full disk)."""
    if isinstance(error, NetworkError):  # 5xx, 502, timeouts and connection errors
        return not isinstance(error, BadRequest)  # a 400 comes back the same every time
    return isinstance(error, sqlite3.Error | psycopg.Error | OSError)


class Underway:
    """Private text messages taken from the update queue whose handling has not yet reached the
    paste collector (handlers.pieces), per chat and sender, with their length.

    The queue hands updates out in Telegram's order, but their handlers run concurrently and what
    they await first (the journal, the chat's settings) can finish in any order. The collector
    asks here whether the message before one is still on its way, and waits for it: so the pieces
    of a paste Telegram split are collected in order however the handlers interleave, and a paste
    stays open while its next piece is known to be coming."""

    def __init__(self) -> None:
        self._coming: dict[tuple[int, int, int], tuple[int, asyncio.Event]] = {}

    @staticmethod
    def _key(message: Message | None) -> tuple[int, int, int] | None:
        if message is None or message.from_user is None or not message.text:
            return None
        return message.chat.id, message.from_user.id, message.message_id

    def taken(self, update: Update) -> None:
        """`update` left the queue for its handlers."""
        message = update.message
        key = self._key(message)
        if key is not None and message is not None and message.chat.type == "private":
            self._coming[key] = (len(message.text or ""), asyncio.Event())

    def reached(self, update: Update) -> None:
        """`update`'s message got to the collector, or its handling ended without it."""
        key = self._key(update.message)
        if key is not None and (entry := self._coming.pop(key, None)) is not None:
            entry[1].set()

    def coming(self, message: Message, offset: int, min_chars: int = 0) -> asyncio.Event | None:
        """The event of the message `offset` ids from `message` (same chat and sender), when it
        is on its way and at least `min_chars` long."""
        key = self._key(message)
        if key is None:
            return None
        entry = self._coming.get((key[0], key[1], key[2] + offset))
        return entry[1] if entry is not None and entry[0] >= min_chars else None


class Answering:
    """Messages and channel posts taken from the update queue whose handling has not ended, per
    (chat, message id). An edit of one waits here for the first answer to be out and recorded
    (handlers.edits), so it edits that answer instead of racing it with a second one. (Across
    processes the chat's job lock keeps the two in order: bot.jobs.)"""

    def __init__(self) -> None:
        self._open: dict[tuple[int, int], asyncio.Event] = {}

    @staticmethod
    def _key(update: Update) -> tuple[int, int] | None:
        message = update.message or update.channel_post
        return None if message is None else (message.chat.id, message.message_id)

    def taken(self, update: Update) -> None:
        """`update` left the queue for its handlers."""
        key = self._key(update)
        if key is not None:
            self._open.setdefault(key, asyncio.Event())

    def ended(self, update: Update) -> None:
        """`update`'s handling ended (or was skipped)."""
        key = self._key(update)
        if key is not None and (event := self._open.pop(key, None)) is not None:
            event.set()

    def pending(self, chat_id: int, message_id: int) -> asyncio.Event | None:
        """The event set when message `message_id`'s handling ends, while it has not."""
        return self._open.get((chat_id, message_id))


class JournalQueue(asyncio.Queue[object]):
    """The Application's update queue; `put` journals an update first and drops ones seen before."""

    def __init__(
        self,
        first_delay: float = RETRY_FIRST_DELAY,
        max_delay: float = RETRY_MAX_DELAY,
        attempts: int = RETRY_ATTEMPTS,
    ) -> None:
        super().__init__()
        self._store: Store | None = None
        self.first_delay, self.max_delay, self.attempts = first_delay, max_delay, attempts
        self.replayed: set[int] = set()  # update ids left by the last run (never answered busy)
        self.closed = False
        self._failures: dict[int, int] = {}
        self._later: set[asyncio.Task[None]] = set()
        self.inflight: set[asyncio.Task[object]] = set()
        # Replies Telegram accepted whose record could not be written (full disk): never resent
        # by this run; (update id, part) -> message id.
        self.unrecorded: dict[tuple[int, int], int] = {}
        # One reply at a time from send to record: a kill -9 finds at most one reply that
        # Telegram accepted and the journal does not know (the Bot API has no idempotency key).
        self.send_lock = asyncio.Lock()
        self.underway = Underway()
        self.answering = Answering()

    async def get(self) -> object:
        item = await super().get()
        if isinstance(item, Update):
            self.underway.taken(item)
            self.answering.taken(item)
        return item

    def handled(self, update: Update) -> None:
        """`update`'s handling ended, or it was skipped as done before."""
        self.underway.reached(update)
        self.answering.ended(update)

    def attach(self, store: Store | None) -> None:
        self._store = store

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            if not await self._journal(item):
                log.info("update %d was delivered before; not queued again", item.update_id)
                return
            if self.closed:  # stopping: journaled, so the next start handles it
                return
        await super().put(item)

    async def _journal(self, update: Update) -> bool:
        """Commit `update` to the journal; False when it was already there."""
        if self._store is None:  # before post_init: nothing to journal into yet
            return True
        return await self._store.journal_add(update.update_id, update.to_json())

    async def replay(self, bot: ExtBot[None]) -> int:
        """Queue the journal's unfinished updates again (after a crash); returns how many."""
        assert self._store is not None, "attach a store first"
        pending = await self._store.journal_pending()
        for payload in pending:
            update = Update.de_json(json.loads(payload), bot)
            self.replayed.add(update.update_id)
            await super().put(update)
        if pending:
            log.warning("replaying %d updates left unfinished by the last run", len(pending))
        return len(pending)

    def track(self, task: asyncio.Task[object] | None) -> None:
        """Count `task` (one update's handling) as in flight until it ends."""
        if task is not None:
            self.inflight.add(task)
            task.add_done_callback(self.inflight.discard)

    def retry_later(self, update: Update) -> bool:
        """Queue `update` again after a backoff; False once its tries are used up."""
        tries = self._failures[update.update_id] = self._failures.get(update.update_id, 0) + 1
        if tries >= self.attempts or self.closed:
            return False
        delay = min(self.first_delay * 2 ** (tries - 1), self.max_delay)
        log.warning(
            "update %d not delivered (try %d); again in %.1f s", update.update_id, tries, delay
        )
        task = asyncio.get_running_loop().create_task(self._again(update, delay))
        self._later.add(task)
        task.add_done_callback(self._later.discard)
        return True

    async def _again(self, update: Update, delay: float) -> None:
        await asyncio.sleep(delay)
        if not self.closed:
            await super().put(update)

    def close(self) -> int:
        """Stop handing out updates: the queued ones stay pending in the journal for the next
        start; returns how many were left."""
        self.closed = True
        for task in self._later:
            task.cancel()
        left = 0
        while not self.empty():
            item = self.get_nowait()
            self.task_done()
            if isinstance(item, Update):
                left += 1
            else:  # PTB's own stop signal must still reach its fetcher
                super().put_nowait(item)
        return left

    async def settle(self, grace: float) -> int:
        """Wait up to `grace` seconds for in-flight updates, then cancel the rest (they stay
        pending); returns how many were cancelled."""
        if self.inflight:
            await asyncio.wait(set(self.inflight), timeout=grace)
        late = [task for task in self.inflight if not task.done()]
        for task in late:
            task.cancel()
        for task in late:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        return len(late)


class JobJournal(JournalQueue):
    """A worker's queue (`gistbot worker`): updates come from the job queue (bot.jobs), not from
    here; an undelivered one is noted, and the worker fails its job so the job queue tries it
    again later, on this worker or another."""

    def __init__(self) -> None:
        super().__init__()
        self.undelivered_ids: set[int] = set()

    def retry_later(self, update: Update) -> bool:
        if self.closed:
            return False
        self.undelivered_ids.add(update.update_id)
        return True

    def take_undelivered(self, update_id: int) -> bool:
        """Whether handling `update_id` ended with its reply undelivered (and forget it)."""
        if update_id in self.undelivered_ids:
            self.undelivered_ids.discard(update_id)
            return True
        return False


def journal_of(context: Context) -> JournalQueue:
    queue = context.application.update_queue
    assert isinstance(queue, JournalQueue)  # bot.app builds every Application with one
    return queue


async def skip_finished(update: Update, context: Context) -> None:
    """Stop here when this update was already handled to the end; count it as in flight."""
    if await context.service.store.is_done(update.update_id):
        journal_of(context).handled(update)
        raise ApplicationHandlerStop
    journal_of(context).track(asyncio.current_task())


async def mark_finished(update: Update, context: Context) -> None:
    """Note that this update's handling ended (after a failure too: no poison-update loops)."""
    journal_of(context).handled(update)
    await context.service.store.journal_done(update.update_id)
