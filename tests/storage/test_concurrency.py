"""Several processes on one store: each update id is journaled for exactly one of them."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from bot.storage import PostgresStore
from tests.storage.conftest import Engine

_WAITING_INSERTS = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO updates%'"
)


async def test_stores_adding_the_same_updates_at_once_get_one_true_each(engine: Engine) -> None:
    """Two stores (as two processes) adding the same ids concurrently: one True per id, in all."""
    first, second = await engine.open(), await engine.open()
    ids = list(range(40))
    calls = [store.journal_add(i, f"{i}") for i in ids for store in (first, second, first, second)]
    results = await asyncio.gather(*calls)
    await first.close()
    await second.close()
    wins = [sum(results[4 * n : 4 * n + 4]) for n in range(len(ids))]
    assert wins == [1] * len(ids)
    assert engine.query("SELECT count(*) FROM updates") == [(len(ids),)]


async def _wait_until_an_insert_waits(monitor: psycopg.AsyncConnection[tuple[int]]) -> None:
    for _ in range(1000):  # the check is the condition itself; the bound only prevents a hang
        cursor = await monitor.execute(_WAITING_INSERTS)
        row = await cursor.fetchone()
        if row is not None and row[0] == 1:
            return
        await asyncio.sleep(0.01)
    pytest.fail("journal_add never waited on the other transaction's row lock")


@pytest.mark.parametrize(("outcome", "expected"), [("commit", False), ("rollback", True)])
async def test_journal_add_waits_for_another_process_adding_the_same_update(
    postgres_engine: Engine, outcome: str, expected: bool
) -> None:
    """While another transaction holds the same uncommitted id, journal_add waits for its outcome."""
    store = await PostgresStore.open(postgres_engine.target)
    other = await psycopg.AsyncConnection.connect(postgres_engine.target)
    monitor = await psycopg.AsyncConnection.connect(postgres_engine.target, autocommit=True)
    try:
        await other.execute("INSERT INTO updates (update_id, payload, at) VALUES (7, 'other', 0)")
        adding = asyncio.create_task(store.journal_add(7, "ours"))
        await _wait_until_an_insert_waits(monitor)  # ours is blocked on the other's row
        await getattr(other, outcome)()  # the other process commits, or gives up
        assert await adding is expected
        assert postgres_engine.query("SELECT count(*) FROM updates") == [(1,)]
    finally:
        await other.close()
        await monitor.close()
        await store.close()
