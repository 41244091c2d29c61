"""Where CPU work runs: off the event loop, in worker processes (or inline, for one-off commands).

Workers.run(call) -> call()'s result, without blocking the event loop
ProcessWorkers    a process pool sized to the cores (spawned, warmed up once per worker)
InlineWorkers     in this process: the command line's single input, where a pool costs more
                  to start than it saves
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")


class Workers(Protocol):
    """Runs picklable zero-argument calls (functools.partial of a module-level function)."""

    async def run(self, call: Callable[[], T]) -> T: ...
    async def close(self) -> None: ...


class InlineWorkers:
    """Runs each call right here; for one input on the command line, and for tests."""

    async def run(self, call: Callable[[], T]) -> T:
        return call()

    async def close(self) -> None:
        return None


class ProcessWorkers:
    """A process pool; `count=0` means one per core. Spawned, so safe beside threads."""

    def __init__(self, count: int = 0, initializer: Callable[[], None] | None = None) -> None:
        self.count = count or os.cpu_count() or 1
        self._pool = ProcessPoolExecutor(
            max_workers=self.count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=initializer,
        )

    async def run(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    async def warm_up(self) -> None:
        """Start every worker now (each loads its models once) instead of on a reader's first link."""
        await asyncio.gather(*(self.run(os.getpid) for _ in range(self.count)))

    async def close(self) -> None:
        await asyncio.to_thread(self._pool.shutdown, True, cancel_futures=True)
