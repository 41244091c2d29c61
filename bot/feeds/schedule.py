"""When each feed is polled next: its own interval, longer for quiet feeds and failing ones.

- new items: back to the base interval (FEED_INTERVAL_SECONDS);
- nothing new (a 304, or no unseen item): the interval grows by half, up to FEED_MAX_INTERVAL_SECONDS,
  so a feed that changes once a day is not asked 96 times for it;
- an error (unreachable, HTTP 5xx, not a feed any more): the interval doubles per failure in a row,
  up to the same ceiling; after FEED_MAX_FAILURES in a row the feed is disabled and its chats are
  told. With the defaults (15 min doubling to 4 h, 12 failures) that is about 1.5 days of failing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # bot.config builds a Schedule, and the store's package imports bot.config
    from bot.storage.base import FeedState

QUIET_GROWTH = 1.5


@dataclass(frozen=True, slots=True)
class Schedule:
    """The intervals (from Settings, the only home of defaults)."""

    base: float
    ceiling: float
    max_failures: int

    def after_success(self, state: FeedState, now: float, *, changed: bool) -> FeedState:
        """The feed answered: base interval when it had news, a longer one when it had none."""
        interval = self.base if changed else min(state.interval * QUIET_GROWTH, self.ceiling)
        interval = max(interval, self.base)
        return dataclasses.replace(state, interval=interval, next_poll=now + interval, failures=0)

    def after_failure(self, state: FeedState, now: float) -> FeedState:
        """The feed failed once more: wait longer; disabled after `max_failures` in a row."""
        failures = state.failures + 1
        interval = min(self.base * 2**failures, self.ceiling)
        return dataclasses.replace(
            state,
            failures=failures,
            interval=interval,
            next_poll=now + interval,
            disabled=failures >= self.max_failures,
        )
