"""Abuse control: token buckets, per-user and per-chat budgets, the job gate."""

from __future__ import annotations

import pytest

from bot.errors import BusyError, RateLimitedError
from bot.limits import JobGate, Limits, TokenBuckets


def test_token_bucket_refills_with_time() -> None:
    """A bucket allows its per-minute burst, refuses more, and refills at the per-minute rate."""
    now = [0.0]
    buckets = TokenBuckets(2, clock=lambda: now[0])
    assert [buckets.take("u") for _ in range(3)] == [True, True, False]
    now[0] = 30.0  # half a minute: one token back
    assert buckets.take("u")
    assert not buckets.take("u")
    assert buckets.take("other")


def test_limits_check_user_then_chat() -> None:
    """The user budget and the chat budget are both spent; either one empty refuses."""
    limits = Limits(user_per_minute=5, chat_per_minute=1, clock=lambda: 0.0)
    limits.check(1, 100)
    with pytest.raises(RateLimitedError):
        limits.check(2, 100)
    assert limits.should_warn(100)
    assert not limits.should_warn(100)


async def test_job_gate_refuses_when_full() -> None:
    """The gate admits `capacity` jobs and answers BusyError to one more, then frees the slot."""
    gate = JobGate(1)
    async with gate.slot():
        with pytest.raises(BusyError):
            async with gate.slot():
                pass
    async with gate.slot():
        assert gate.active == 1
