"""Abuse control: token buckets per user and per chat, and a bounded count of jobs in flight."""

from __future__ import annotations

import time
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
    """At most `capacity` summaries in flight; one more raises BusyError instead of queueing."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.active = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.active >= self.capacity:
            raise BusyError(f"{self.active} jobs in flight")
        self.active += 1
        try:
            yield
        finally:
            self.active -= 1
