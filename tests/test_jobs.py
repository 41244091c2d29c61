"""The job queue's pieces that need no worker: job locks, and journal + enqueue as one commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest

from bot.jobs import JobQueue, lock_for
from bot.storage import PostgresStore
from tests.storage.pg_server import TEST_DATABASE, PgServer


@pytest.fixture
def jobs_url(pg_server: PgServer) -> Iterator[str]:
    yield pg_server.create_schema(TEST_DATABASE, "jobs")
    pg_server.drop_schema(TEST_DATABASE, "jobs")


@pytest.mark.parametrize(
    ("update", "lock"),
    [
        ({"update_id": 1, "message": {"chat": {"id": 5}, "from": {"id": 9}}}, "chat:5"),
        ({"update_id": 2, "channel_post": {"chat": {"id": -1007}}}, "chat:-1007"),
        ({"update_id": 3, "callback_query": {"from": {"id": 9}, "message": {"chat": {"id": 6}}}}, "chat:6"),
        ({"update_id": 4, "inline_query": {"id": "q", "from": {"id": 9}}}, "user:9"),
        ({"update_id": 5}, None),
    ],
)  # fmt: skip
def test_each_update_is_locked_by_its_chat_else_its_sender(
    update: dict[str, Any], lock: str | None
) -> None:
    """One chat's updates share a lock (so they run in order); inline queries lock by user."""
    assert lock_for(update) == lock


async def test_journal_and_job_commit_together_or_not_at_all(jobs_url: str) -> None:
    """An update is journaled with its job; a failing enqueue leaves no journal entry (so
    Telegram's redelivery is taken as new); a redelivered update adds no second job."""
    store = await PostgresStore.open(jobs_url)
    queue = JobQueue(jobs_url, attempts=3)
    await queue.open()
    update = {"update_id": 10, "message": {"chat": {"id": 5}}}

    async def broken(conn: psycopg.AsyncConnection[Any]) -> None:
        await queue.enqueue(conn, update)
        raise OSError("the ingress died here")

    try:
        with pytest.raises(OSError, match="died"):
            await store.journal_add_then(10, "{}", broken)
        assert await store.journal_pending() == []
        assert await store.journal_add_then(10, "{}", lambda c: queue.enqueue(c, update))
        assert not await store.journal_add_then(10, "{}", lambda c: queue.enqueue(c, update))
    finally:
        await queue.close()
        await store.close()
    with psycopg.connect(jobs_url) as conn:
        rows = conn.execute("SELECT lock, args FROM procrastinate_jobs").fetchall()
    assert rows == [("chat:5", {"update": update})]


async def test_one_process_at_a_time_holds_the_single_duty(jobs_url: str) -> None:
    """Of two sessions asking for the exactly-one duty (the feed poller) one gets it; once its
    holder ends, the next to ask gets it."""
    from bot.roles import holding_single_duty

    async with holding_single_duty(jobs_url) as first, holding_single_duty(jobs_url) as second:
        assert (first, second) == (True, False)
    async with holding_single_duty(jobs_url) as later:
        assert later


async def test_the_single_duties_run_in_one_worker_and_move_when_it_dies(jobs_url: str) -> None:
    """Two workers' duty loops: one runs the duty; when that one ends, the other takes over."""
    import asyncio

    from bot.roles import run_single_duties

    running: list[str] = []

    changed = asyncio.Event()

    async def duty(app: str) -> None:
        running.append(app)
        changed.set()
        await asyncio.Event().wait()  # runs until cancelled

    async def until(condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(60):
            while not condition():
                changed.clear()
                await changed.wait()

    first = asyncio.create_task(run_single_duties(jobs_url, "a", [duty], every=0.1))
    await until(lambda: running)
    second = asyncio.create_task(run_single_duties(jobs_url, "b", [duty], every=0.1))
    await asyncio.sleep(0.5)  # b tries for the lock several times meanwhile
    assert running == ["a"]
    first.cancel()
    await until(lambda: len(running) == 2)
    second.cancel()
    assert running == ["a", "b"]
