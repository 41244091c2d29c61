"""Shared rate limits (bot.rates) on a real PostgreSQL server, reserved from two processes at once."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from bot.rates import SharedRates
from tests.paths import ROOT
from tests.storage.pg_server import TEST_DATABASE, PgServer

_RESERVE_MANY = """
import asyncio, json, sys
from bot.rates import SharedRates

async def main(url: str, count: int) -> None:
    rates = await SharedRates.open(url)
    slots = [await rates.reserve("bot:all", 5, 1) for _ in range(count)]
    await rates.close()
    print(json.dumps([slot.at for slot in slots]))

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


@pytest.fixture
def rates_url(pg_server: PgServer) -> Iterator[str]:
    yield pg_server.create_schema(TEST_DATABASE, "rates")
    pg_server.drop_schema(TEST_DATABASE, "rates")


def test_two_processes_share_one_limit(rates_url: str) -> None:
    """Two processes reserving 20 slots each of one 5-a-second limit: of all 40 slots, no 6 fall
    within one second (each process alone would have been given its own 5 a second)."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _RESERVE_MANY, rates_url, "20"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    slots = sorted(at for run in runs for at in json.loads(run.communicate(timeout=120)[0]))
    assert len(slots) == 40
    gaps = [later - earlier for earlier, later in zip(slots, slots[5:], strict=False)]
    assert min(gaps) >= 1.0 - 1e-6
    assert slots[-1] - slots[0] >= (40 - 5) / 5 - 1e-6


async def test_a_burst_goes_at_once_then_the_pace_is_the_rate(rates_url: str) -> None:
    """Under the limit a call waits for nothing; past a burst of `rate` each waits its turn."""
    rates = await SharedRates.open(rates_url)
    try:
        # 4 per 100 s: one slot every 25 s, so the few milliseconds between calls do not matter.
        waits = [(await rates.reserve("k", 4, 100)).wait for _ in range(6)]
    finally:
        await rates.close()
    assert waits[:4] == [0.0] * 4
    assert 24 < waits[4] <= 25
    assert 49 < waits[5] <= 50


async def test_a_pause_pushes_every_later_slot_back(rates_url: str) -> None:
    """After a 429 "retry after 3", the next slot is at least 3 s away, for every process."""
    rates = await SharedRates.open(rates_url)
    try:
        await rates.pause("k", 3, 1)
        slot = await rates.reserve("k", 30, 1)
    finally:
        await rates.close()
    assert slot.wait >= 3.0
