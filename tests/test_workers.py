"""The supervised worker processes: deaths, time and memory limits, signals, the long lane."""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.errors import JobTimeoutError, TooComplexError, WorkerCrashedError
from bot.models import WorkerLimits
from bot.workers import LONG_WORKER_NICE, ProcessWorkers


def die_once(marker: str) -> str:
    """Kill this worker the first time (as the OOM killer would); answer on the second try."""
    if not os.path.exists(marker):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return "second try"


def die_always() -> str:
    os.kill(os.getpid(), signal.SIGKILL)
    return "never"


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def wait_for_file(started: str, go: str) -> int:
    """Say "started" with a file, then wait (at most a minute) until the test creates `go`."""
    Path(started).touch()
    deadline = time.monotonic() + 60
    while not os.path.exists(go) and time.monotonic() < deadline:
        time.sleep(0.01)
    return os.getpid()


def _poll(path: Path) -> None:
    while not path.exists():
        time.sleep(0.01)


async def file_appears(path: Path) -> None:
    """Wait (off the event loop) until a worker has created `path`."""
    await asyncio.to_thread(_poll, path)


@pytest.fixture
async def pool() -> AsyncIterator[ProcessWorkers]:
    workers = ProcessWorkers(1, limits=WorkerLimits(job_seconds=30, memory_bytes=2 * 1024**3))
    yield workers
    await workers.close()


async def test_worker_killed_while_idle_is_replaced(pool: ProcessWorkers) -> None:
    """A worker killed with SIGKILL between jobs is replaced; the next job gets its answer."""
    first = await pool.run(os.getpid)
    os.kill(first, signal.SIGKILL)
    second = await pool.run(os.getpid)
    assert second != first
    assert pool.pids == [second]


async def test_worker_killed_under_a_job_retries_it_once(
    pool: ProcessWorkers, tmp_path: Path
) -> None:
    """A worker that dies under a job is replaced and the job is run again on the new one."""
    assert await pool.run(functools.partial(die_once, str(tmp_path / "died"))) == "second try"


async def test_a_job_that_kills_every_worker_is_answered_clearly(pool: ProcessWorkers) -> None:
    """Two deaths under one job answer WorkerCrashedError with a user text; the pool still works."""
    with pytest.raises(WorkerCrashedError) as caught:
        await pool.run(die_always)
    assert "try again" in caught.value.user_message
    assert await pool.run(functools.partial(sleep, 0)) == "slept"


async def test_a_job_past_its_time_limit_is_stopped() -> None:
    """A job past the wall-clock limit answers JobTimeoutError long before it would end; its
    worker is replaced and the next job is answered."""
    workers = ProcessWorkers(1, limits=WorkerLimits(job_seconds=0.5))
    try:
        await workers.run(os.getpid)  # started and ready: the limit counts the job only
        started = time.monotonic()
        with pytest.raises(JobTimeoutError) as caught:
            await workers.run(functools.partial(sleep, 120))
        assert time.monotonic() - started < 60
        assert "too long" in caught.value.user_message
        assert await workers.run(functools.partial(sleep, 0)) == "slept"
    finally:
        await workers.close()


async def test_a_job_past_the_memory_limit_answers_too_complex() -> None:
    """With a 1 GB address-space cap, a 2 GB allocation answers TooComplexError, not a crash."""
    workers = ProcessWorkers(1, limits=WorkerLimits(memory_bytes=1024**3))
    try:
        with pytest.raises(TooComplexError):
            await workers.run(functools.partial(allocate, 2048))
        assert await workers.run(functools.partial(allocate, 10)) == 10 * 1024 * 1024
    finally:
        await workers.close()


async def test_workers_ignore_sigint_and_sigterm(pool: ProcessWorkers, tmp_path: Path) -> None:
    """Ctrl-C or a stop sent to the whole process group does not kill a job in flight."""
    started, go = tmp_path / "started", tmp_path / "go"
    job = asyncio.ensure_future(pool.run(functools.partial(wait_for_file, str(started), str(go))))
    await asyncio.wait_for(file_appears(started), 60)
    [pid] = pool.pids
    os.kill(pid, signal.SIGINT)
    os.kill(pid, signal.SIGTERM)
    go.touch()
    assert await job == pid


async def test_long_inputs_leave_a_worker_for_the_others(tmp_path: Path) -> None:
    """With two workers, two long inputs run one at a time, so a short one is answered meanwhile."""
    workers = ProcessWorkers(2, limits=WorkerLimits(long_input_bytes=1000))
    try:
        started, go = tmp_path / "started", tmp_path / "go"
        long_jobs = [
            asyncio.ensure_future(
                workers.run(functools.partial(wait_for_file, str(started), str(go)), size=5000)
            )
            for _ in range(2)
        ]
        await asyncio.wait_for(file_appears(started), 60)
        assert await asyncio.wait_for(workers.run(functools.partial(sleep, 0), size=10), 60)
        assert not any(job.done() for job in long_jobs)
        go.touch()
        assert len(await asyncio.gather(*long_jobs)) == 2
    finally:
        await workers.close()


def order(name: str, log: str) -> str:
    """Append `name` to the file `log` (the order jobs ran in)."""
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(name + "\n")
    return name


async def test_a_free_worker_goes_to_an_ordinary_job_before_a_long_one(tmp_path: Path) -> None:
    """A long job waiting for the busy worker lets an ordinary job that came after it go first."""
    limits = WorkerLimits(job_seconds=30, memory_bytes=2 * 1024**3, long_input_bytes=100)
    pool = ProcessWorkers(1, limits=limits)
    started, go, log = tmp_path / "started", tmp_path / "go", str(tmp_path / "log")
    try:
        busy = asyncio.ensure_future(
            pool.run(functools.partial(wait_for_file, str(started), str(go)))
        )
        await file_appears(started)
        long = asyncio.ensure_future(pool.run(functools.partial(order, "long", log), size=1000))
        await asyncio.sleep(0.05)  # the long job is waiting for the worker first
        short = asyncio.ensure_future(pool.run(functools.partial(order, "short", log)))
        await asyncio.sleep(0)
        go.touch()
        await asyncio.gather(busy, long, short)
        ran = await asyncio.to_thread(Path(log).read_text, encoding="utf-8")
        assert ran.split() == ["short", "long"]
    finally:
        await pool.close()


def priority_and_pid() -> tuple[int, int]:
    return os.getpriority(os.PRIO_PROCESS, 0), os.getpid()


async def test_dedicated_long_workers_run_long_jobs_at_a_lower_priority() -> None:
    """With long_workers, long jobs run on their own niced worker and ordinary ones never do."""
    limits = WorkerLimits(long_input_bytes=100, long_workers=1)
    pool = ProcessWorkers(1, limits=limits)
    try:
        assert len(pool.pids) == 2
        ordinary = await asyncio.gather(*(pool.run(priority_and_pid) for _ in range(3)))
        long = await asyncio.gather(*(pool.run(priority_and_pid, size=1000) for _ in range(3)))
        assert len({pid for _, pid in ordinary}) == 1
        assert len({pid for _, pid in long}) == 1
        assert ordinary[0][1] != long[0][1]
        assert long[0][0] == ordinary[0][0] + LONG_WORKER_NICE
    finally:
        await pool.close()
