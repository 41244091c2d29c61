"""Abuse control: token buckets per user and per chat, and a fair, bounded queue of jobs."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.errors import BusyError, RateLimitedError

Clock = Callable[[], float]


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class TokenBuckets:
    """A bucket per key: `per_minute` tokens, refilled continuously; a minute's burst allowed."""

    # Buckets untouched this long are full again; dropping them keeps memory bounded.
    _FORGET_AFTER = 60.0

    def __init__(self, per_minute: int, clock: Clock = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[Hashable, _Bucket] = {}

    def take(self, key: Hashable) -> bool:
        """Spend one token for `key`; False when its bucket is empty."""
        now = self._clock()
        bucket = self._buckets.get(key) or _Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        self._buckets[key] = bucket
        if len(self._buckets) > 10_000:
            self._forget(now)
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True

    def _forget(self, now: float) -> None:
        stale = [k for k, b in self._buckets.items() if now - b.at > self._FORGET_AFTER]
        for key in stale:
            del self._buckets[key]


class Limits:
    """The per-user and per-chat budgets one summary request spends."""

    def __init__(
        self, user_per_minute: int, chat_per_minute: int, clock: Clock = time.monotonic
    ) -> None:
        self.users = TokenBuckets(user_per_minute, clock)
        self.chats = TokenBuckets(chat_per_minute, clock)
        self._clock = clock
        self._warned: dict[int, float] = {}

    def check(self, user_id: int | None, chat_id: int) -> None:
        """Spend one request from both budgets or raise RateLimitedError."""
        if user_id is not None and not self.users.take(user_id):
            raise RateLimitedError(f"user {user_id} over budget")
        if not self.chats.take(chat_id):
            raise RateLimitedError(f"chat {chat_id} over budget")

    def should_warn(self, chat_id: int) -> bool:
        """True at most once a minute per chat: the "slow down" note is not repeated per message."""
        now = self._clock()
        if now - self._warned.get(chat_id, float("-inf")) < 60.0:
            return False
        if len(self._warned) > 10_000:
            self._warned.clear()
        self._warned[chat_id] = now
        return True


class JobGate:
    """At most `capacity` summaries run at once; up to `max_waiting` more wait their turn.

    Waiting jobs are served round-robin over chats (one chat's burst never starves another) and in
    arrival order within a chat. Only past `max_waiting` does a job get BusyError; a job marked
    `replayed` (an update left over by the last run) always waits, whatever the count.
    """

    def __init__(self, capacity: int, max_waiting: int = 5000) -> None:
        self.capacity = capacity
        self.max_waiting = max_waiting
        self.active = 0
        self.waiting = 0
        self._queues: OrderedDict[Hashable, deque[asyncio.Future[None]]] = OrderedDict()

    @asynccontextmanager
    async def slot(self, chat: Hashable = None, *, replayed: bool = False) -> AsyncIterator[None]:
        """Hold one of the `capacity` slots for the block, waiting fairly for it if need be."""
        if self.active >= self.capacity or self.waiting:
            if self.waiting >= self.max_waiting and not replayed:
                raise BusyError(f"{self.active} jobs in flight, {self.waiting} waiting")
            await self._wait(chat)
        else:
            self.active += 1
        try:
            yield
        finally:
            self.active -= 1
            self._hand_on()

    async def _wait(self, chat: Hashable) -> None:
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queues.setdefault(chat, deque()).append(turn)
        self.waiting += 1
        try:
            await turn  # `_hand_on` counted this job as active before waking it
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # woken and cancelled at once: pass it on
                self.active -= 1
                self._hand_on()
            else:
                self._forget(chat, turn)
            raise

    def _forget(self, chat: Hashable, turn: asyncio.Future[None]) -> None:
        queue = self._queues.get(chat)
        if queue is not None and turn in queue:
            queue.remove(turn)
            self.waiting -= 1
            if not queue:
                del self._queues[chat]

    def _hand_on(self) -> None:
        """Give free slots to the next chats in turn (each chat's oldest job first)."""
        while self.active < self.capacity and self._queues:
            chat, queue = next(iter(self._queues.items()))
            turn = queue.popleft()
            self.waiting -= 1
            del self._queues[chat]
            if queue:  # the chat goes to the back of the line with its remaining jobs
                self._queues[chat] = queue
            self.active += 1
            turn.set_result(None)
