"""Abuse control: token buckets, per-user and per-chat budgets, the job gate."""

from __future__ import annotations

import asyncio

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


async def test_job_gate_refuses_only_past_the_waiting_bound() -> None:
    """Past `capacity` running and `max_waiting` waiting jobs one more gets BusyError, unless
    it is an update replayed after a restart, which waits whatever the count."""
    gate = JobGate(1, max_waiting=1)
    async with gate.slot("a"):
        waiter = asyncio.create_task(_hold(gate, "b"))
        await asyncio.sleep(0)
        assert gate.waiting == 1
        with pytest.raises(BusyError):
            async with gate.slot("c"):
                pass
        replayed = asyncio.create_task(_hold(gate, "c", replayed=True))
        await asyncio.sleep(0)
        assert gate.waiting == 2
    await asyncio.gather(waiter, replayed)
    assert (gate.active, gate.waiting) == (0, 0)


async def _hold(gate: JobGate, chat: str, order: list[str] | None = None, **kw: bool) -> None:
    async with gate.slot(chat, **kw):
        if order is not None:
            order.append(chat)
        await asyncio.sleep(0)


async def test_job_gate_round_robin_over_chats() -> None:
    """Three queued jobs of chat A and one of chat B: B's runs second, not last."""
    gate = JobGate(1)
    order: list[str] = []

    async def job(chat: str, name: str) -> None:
        async with gate.slot(chat):
            order.append(name)
            await asyncio.sleep(0)

    async with gate.slot("x"):
        jobs = [
            asyncio.create_task(job(c, n))
            for c, n in [("A", "a1"), ("A", "a2"), ("A", "a3"), ("B", "b1")]
        ]
        await asyncio.sleep(0)
    await asyncio.gather(*jobs)
    assert order == ["a1", "b1", "a2", "a3"]


async def test_job_gate_cancelled_waiter_frees_its_place() -> None:
    """A waiting job that is cancelled (a stop) leaves the queue and takes no slot."""
    gate = JobGate(1)
    async with gate.slot("x"):
        waiter = asyncio.create_task(_hold(gate, "b"))
        await asyncio.sleep(0)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert gate.waiting == 0
    assert gate.active == 0
