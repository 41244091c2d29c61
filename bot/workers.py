"""Where CPU work runs: off the event loop, in supervised worker processes (or inline, for one-off
commands).

Workers.run(call, size=) -> call()'s result, without blocking the event loop
ProcessWorkers    supervised worker processes, one per core by default (spawned, warmed up once)
InlineWorkers     in this process: the command line's single input, where a pool costs more
                  to start than it saves

What the supervisor promises, per job:
- a worker that dies under a job (kill -9, the out-of-memory killer) is replaced and the job is run
  once more; a second death answers `WorkerCrashedError`. A worker that died while idle is replaced
  before it is given work. The pool never breaks for good.
- a job past `WorkerLimits.job_seconds` of wall-clock time: its worker is killed and replaced, the job
  answers `JobTimeoutError` ("too large or complex"), and nobody else waits for it.
- each worker's address space is capped (`RLIMIT_AS`, `WorkerLimits.memory_bytes`): a job that would
  pass it gets `MemoryError` inside the worker, answers `TooComplexError`, and that worker is
  replaced (its heap may be fragmented or half-built).
- workers ignore SIGINT and SIGTERM: Ctrl-C or systemd's stop sent to the whole process group does
  not kill in-flight jobs; `close()` stops them (and an exit handler kills them if close was skipped).
- fairness: a job whose input is over `WorkerLimits.long_input_bytes` runs in the long lane, which
  may use at most `count - 1` workers at once, so one worker is always left for ordinary links;
  and a free worker goes to an ordinary job first: a long job takes one only while no ordinary job
  is waiting (or once it has waited `LONG_JOB_MAX_WAIT` seconds, so a steady stream of links never
  starves a long read). With `WorkerLimits.long_workers`, long jobs run instead on that many extra
  workers of their own, niced by LONG_WORKER_NICE: the kernel then gives ordinary jobs the CPU
  first even while a long read is half done (nothing else here can interrupt a running job).

Why our own supervisor and not `pebble.ProcessPool` (it has per-task timeouts and replaces workers):
tried on pebble 5.2.3, killing an idle worker with SIGKILL breaks the whole pool ("All workers
expired" -> every later `schedule` raises RuntimeError: "Unexpected error within the Pool") - the
exact failure of issue 10 - and its stop sends SIGTERM and waits 3 s per worker before SIGKILL, which
our SIGTERM-ignoring workers would always hit. concurrent.futures' pool is BrokenProcessPool for good
after one death. What we need fits in one small module: one pipe per worker, `connection.wait` on
the pipe and the process sentinel with a timeout.

Only threading primitives are used (no asyncio queues), so one pool serves several event loops in
turn (the tests share one pool between tests).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Protocol, TypeVar, cast

from bot.errors import GistError, JobTimeoutError, TooComplexError, WorkerCrashedError
from bot.models import WorkerLimits

T = TypeVar("T")
log = logging.getLogger(__name__)

# Seconds a stopping worker gets to finish its job and exit before it is killed.
STOP_GRACE_SECONDS = 5.0
# Seconds a long job lets ordinary jobs go first before it takes the next free worker anyway: a
# few ordinary cards' time on a loaded machine (a judgment call, not tuned).
LONG_JOB_MAX_WAIT = 5.0
# How much lower the dedicated long-read workers' CPU priority is: at nice 5 such a worker gets
# about a quarter of a core that an ordinary worker also wants (kernel weights 335 against 1024),
# so a long read still ends within the job limit while ordinary links keep the cores.
LONG_WORKER_NICE = 5


class Workers(Protocol):
    """Runs picklable zero-argument calls (functools.partial of a module-level function).

    `size` is the input's size in bytes (0: unknown/small); implementations may use it to keep long
    inputs from delaying short ones."""

    async def run(self, call: Callable[[], T], *, size: int = 0) -> T: ...
    async def close(self) -> None: ...


class InlineWorkers:
    """Runs each call right here; for one input on the command line, and for tests."""

    async def run(self, call: Callable[[], T], *, size: int = 0) -> T:
        return call()

    async def close(self) -> None:
        return None


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, process: BaseProcess, conn: Connection, *, long: bool = False) -> None:
        self.process = process
        self.conn = conn
        self.long = long  # a dedicated long-read worker (WorkerLimits.long_workers)
        self.ready = False  # the worker says "ready" once its limits are set and it is warmed up

    @property
    def pid(self) -> int:
        return cast(int, self.process.pid)

    def kill(self) -> None:
        """SIGKILL (it ignores SIGTERM) and reap it."""
        if self.process.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.process.join(STOP_GRACE_SECONDS)
        self.conn.close()


@dataclass(slots=True)
class _Turn:
    """An ordinary job's place among those waiting for a worker (long jobs wait while any is)."""

    counted: bool = True  # still counted in ProcessWorkers._short_waiting


class _Died(Exception):
    """The worker running a job is gone (killed, crashed, out of memory)."""


class ProcessWorkers:
    """Supervised worker processes; `count=0` means one per core. Spawned, so safe beside threads."""

    def __init__(
        self,
        count: int = 0,
        initializer: Callable[[], None] | None = None,
        limits: WorkerLimits | None = None,
    ) -> None:
        self.count = count or os.cpu_count() or 1
        self.limits = limits or WorkerLimits()
        self._initializer = initializer
        self._context = multiprocessing.get_context("spawn")
        self._idle: deque[_Worker] = deque()
        self._long_idle: deque[_Worker] = deque()  # the dedicated long-read workers, if any
        self._turns = threading.Condition()  # guards _idle and _short_waiting
        self._short_waiting = 0  # ordinary jobs submitted that have no worker yet
        self._all: dict[int, _Worker] = {}
        self._lock = threading.Lock()
        self._closed = False
        # One thread per job in flight: `count` for ordinary inputs, `count - 1` for long ones, so a
        # long read never holds every worker. The threads only wait on pipes.
        self._short = ThreadPoolExecutor(self.count, thread_name_prefix="job")
        lanes = self.limits.long_workers or max(1, self.count - 1)
        self._long = ThreadPoolExecutor(lanes, thread_name_prefix="long-job")
        for _ in range(self.count):
            self._put(self._spawn())
        for _ in range(self.limits.long_workers):
            self._put(self._spawn(long=True))
        atexit.register(_kill_all, weakref.ref(self))

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for operators and tests)."""
        with self._lock:
            return sorted(self._all)

    async def run(self, call: Callable[[], T], *, size: int = 0) -> T:
        loop = asyncio.get_running_loop()
        if size > self.limits.long_input_bytes:
            return await loop.run_in_executor(self._long, self._job, call, None)
        turn = _Turn()
        with self._turns:
            self._short_waiting += 1
        try:
            return await loop.run_in_executor(self._short, self._job, call, turn)
        finally:
            self._uncount(turn)  # cancelled before it got a worker: long jobs need not wait for it

    async def warm_up(self) -> None:
        """Start every worker now (each loads its models once) instead of on a reader's first link."""
        big = self.limits.long_input_bytes + 1
        await asyncio.gather(
            *(self.run(os.getpid) for _ in range(self.count)),
            *(self.run(os.getpid, size=big) for _ in range(self.limits.long_workers)),
        )

    async def close(self) -> None:
        """Let jobs in flight finish, then stop every worker (killed after a grace period)."""
        await asyncio.to_thread(self._close)

    # --- in the job threads ------------------------------------------------------------------

    def _job(self, call: Callable[[], T], turn: _Turn | None) -> T:
        for attempt in (1, 2):
            worker = self._take(turn)
            try:
                result = self._exchange(worker, call)
            except _Died as died:
                log.warning(
                    "worker %s died under a job (attempt %s): %s", worker.pid, attempt, died
                )
                self._replace(worker)
                continue
            except JobTimeoutError:
                log.warning(
                    "job passed %.1f s; killing worker %s", self.limits.job_seconds, worker.pid
                )
                self._replace(worker)
                raise
            kind, value = result
            if kind == "fatal":  # MemoryError and the like: the answer is sent, the worker exits
                self._replace(worker)
                raise cast(BaseException, value)
            self._put(worker)
            if kind == "error":
                raise cast(BaseException, value)
            return cast(T, value)
        raise WorkerCrashedError("the worker died twice under this job")

    def _take(self, turn: _Turn | None) -> _Worker:
        """An idle worker that is alive (one that died while idle is replaced first). A long job
        (`turn` None) takes a dedicated long-read worker when there are any; else it waits while
        ordinary jobs are waiting, up to LONG_JOB_MAX_WAIT seconds."""
        deadline = time.monotonic() + LONG_JOB_MAX_WAIT
        if turn is None and self.limits.long_workers:
            with self._turns:
                while not self._long_idle:
                    self._turns.wait()
                worker = self._long_idle.popleft()
            return self._alive(worker)
        with self._turns:
            while not self._idle or (
                turn is None and self._short_waiting and time.monotonic() < deadline
            ):
                wait = None if self._idle or turn is not None else deadline - time.monotonic()
                self._turns.wait(max(0.0, wait) if wait is not None else None)
            worker = self._idle.popleft()
        if turn is not None:
            self._uncount(turn)
        return self._alive(worker)

    def _alive(self, worker: _Worker) -> _Worker:
        """`worker`, or its replacement when it died while idle."""
        while not worker.process.is_alive():
            log.warning("worker %s died while idle; replacing it", worker.pid)
            worker = self._replace_dead(worker)
        return worker

    def _exchange(self, worker: _Worker, call: Callable[[], T]) -> tuple[str, object]:
        if not worker.ready:  # the job's clock starts when the worker can take it, not at spawn
            if worker.conn not in wait([worker.conn, worker.process.sentinel]):
                raise _Died(f"exit code {worker.process.exitcode} while starting")
            try:
                worker.conn.recv()
            except (EOFError, OSError) as exc:
                raise _Died(f"pipe closed while starting: {exc}") from exc
            worker.ready = True
        try:
            worker.conn.send(call)
        except (BrokenPipeError, ConnectionResetError, EOFError) as exc:
            raise _Died(f"pipe closed: {exc}") from exc
        ready = wait([worker.conn, worker.process.sentinel], self.limits.job_seconds)
        if not ready:
            raise JobTimeoutError(f"job passed {self.limits.job_seconds} s")
        if worker.conn in ready:
            try:
                return cast(tuple[str, object], worker.conn.recv())
            except (EOFError, ConnectionResetError, OSError) as exc:
                raise _Died(f"pipe closed: {exc}") from exc
            except Exception as exc:  # an answer that does not unpickle
                log.exception("worker %s sent an unreadable answer", worker.pid)
                return "error", GistError(f"unreadable answer: {exc!r}")
        worker.process.join(1)
        raise _Died(f"exit code {worker.process.exitcode}")

    def _put(self, worker: _Worker) -> None:
        with self._turns:
            (self._long_idle if worker.long else self._idle).append(worker)
            self._turns.notify_all()

    def _uncount(self, turn: _Turn) -> None:
        with self._turns:
            if turn.counted:
                turn.counted = False
                self._short_waiting -= 1
                self._turns.notify_all()

    def _replace(self, worker: _Worker) -> None:
        self._put(self._replace_dead(worker))

    def _replace_dead(self, worker: _Worker) -> _Worker:
        worker.kill()
        with self._lock:
            self._all.pop(worker.pid, None)
        return self._spawn(long=worker.long)

    def _spawn(self, *, long: bool = False) -> _Worker:
        parent, child = self._context.Pipe()
        nice = LONG_WORKER_NICE if long else 0
        process = self._context.Process(
            target=_serve,
            args=(child, self._initializer, self.limits.memory_bytes, nice),
            name="gistbot-long-worker" if long else "gistbot-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent, long=long)
        with self._lock:
            self._all[worker.pid] = worker
        return worker

    def _close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._short.shutdown(wait=True, cancel_futures=True)
        self._long.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            workers = list(self._all.values())
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)  # "stop": the worker exits after its current job
        for worker in workers:
            worker.process.join(STOP_GRACE_SECONDS)
            worker.kill()

    def _kill_now(self) -> None:
        with self._lock:
            workers = list(self._all.values())
            self._all.clear()
        for worker in workers:
            worker.kill()


def _kill_all(ref: weakref.ref[ProcessWorkers]) -> None:
    # At interpreter exit multiprocessing terminates (SIGTERM) and joins its children; ours ignore
    # SIGTERM, so kill them first or the exit would hang.
    pool = ref()
    if pool is not None:
        pool._kill_now()


# --- in the worker processes ----------------------------------------------------------------


def _serve(
    conn: Connection, initializer: Callable[[], None] | None, memory_bytes: int, nice: int = 0
) -> None:
    """A worker's life: limits, warm-up, then answer calls until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if nice:
        os.nice(nice)
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if initializer is not None:
        initializer()
    conn.send("ready")
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if call is None:
            return
        answer, fatal = _answer(call)
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # a result or error that does not pickle
            conn.send(("error", GistError(f"unpicklable answer: {exc!r}")))
        if fatal:
            return


def _answer(call: Callable[[], Any]) -> tuple[tuple[str, object], bool]:
    """("ok", result) or ("error", exception); MemoryError is answered and ends the worker."""
    try:
        return ("ok", call()), False
    except MemoryError:
        return ("fatal", TooComplexError("out of memory in the worker")), True
    except RecursionError:
        return ("error", TooComplexError("nesting too deep")), False
    except Exception as exc:
        return ("error", exc), False
