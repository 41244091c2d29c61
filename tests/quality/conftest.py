"""Fixtures of the quality gates: the shared evaluation data and one warm worker pool."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.workers import Workers
from tests.quality.product import make_pool

REPO = Path(__file__).resolve().parents[2]


def find_data() -> Path | None:
    """The first existing of <repo>/../shared/data and <repo>/../../shared/data (worktrees)."""
    for candidate in (REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def data() -> Path:
    """The evaluation data; missing data fails under CI (which always has it) and skips elsewhere."""
    found = find_data()
    if found is None:
        reason = f"no evaluation data at {REPO.parent / 'shared' / 'data'}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the quality gates")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="session")
def pool() -> Iterator[Workers]:
    """One warm pool of 2 worker processes for every gate (the bot's own kind)."""
    workers = make_pool()
    yield workers
    asyncio.run(workers.close())
