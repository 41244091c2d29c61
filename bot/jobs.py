"""The job queue of the scaled-out roles: procrastinate on the PostgreSQL server the store uses.

One kind of job, "handle this update": an ingress process journals an update and enqueues its job
in one transaction (`PostgresStore.journal_add_then`), so an update Telegram was told about is
both on record and queued, or neither; a worker process takes jobs and runs the update through the
same Application and handlers `gistbot run` uses. What holds across processes:
- one chat's jobs run one at a time, in the order they were enqueued: each job carries the lock
  `chat:<id>` and procrastinate hands out a locked job only when no earlier job of its lock is
  waiting or running (`procrastinate_fetch_job_v2`);
- a job whose worker died (kill -9, a lost machine) is taken by another: every worker sends a
  heartbeat; `retry_stalled` (each worker runs it every few seconds) puts the running jobs of a
  worker silent for `queue_stalled_seconds` back in the queue, still first of their chat;
- a job whose tries ran out (Bot API down longer than the backoff) is tried once more when a
  worker starts (`retry_given_up`), as `gistbot run` replays its unfinished updates at start;
- the journal's promise: a job that runs again re-sends nothing already recorded
  (handlers.replies keys every reply by update id and part), so a worker's kill -9 repeats at most
  the one reply Telegram accepted in the instant before the record, as with `gistbot run`.

Why procrastinate (PostgreSQL) rather than taskiq with Redis streams (docs/scaling.md says more):
the state already lives in PostgreSQL, so the queue adds no service to run, back up or secure; the
journal entry and its job commit in one transaction, which across two engines would need an outbox
of our own; per-chat order is one `lock=` argument, where taskiq has no ordering per key; and it is
psycopg 3 underneath, the store's driver. What it costs: every job is a few row updates on the
server (fine at Telegram's 30 messages a second), and a stalled job waits for the heartbeat timeout.

Its schema is procrastinate's own (`ensure_schema` applies it once); upgrading procrastinate past
a schema change means applying its migration files (`procrastinate schema --migrations`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import procrastinate
import psycopg
from procrastinate import JobContext, RetryStrategy
from procrastinate import exceptions as queue_errors
from procrastinate.schema import SchemaManager
from procrastinate.utils import utcnow

log = logging.getLogger(__name__)

TASK = "gistbot.handle_update"
# pg_advisory_xact_lock key for applying procrastinate's schema once: "gistbotq" in ASCII.
_SCHEMA_LOCK = int.from_bytes(b"gistbotq", "big") & 0x7FFF_FFFF_FFFF_FFFF
# An update a worker could not deliver (Bot API down) is tried again after 2, 4, 8 … s.
RETRY_EXPONENTIAL_WAIT = 2

Handle = Callable[[dict[str, Any], int], Awaitable[None]]
"""What a worker does with one job: (the update's JSON, how many times it was tried before)."""


class Undelivered(Exception):
    """The update's reply did not go out (Bot API 5xx, dropped connection): run the job again."""


def lock_for(update: dict[str, Any]) -> str | None:
    """The job lock of an update: its chat (one chat's updates in order), else its sender."""
    for kind, body in update.items():
        if not isinstance(body, dict):
            continue
        message = body.get("message") if kind == "callback_query" else body
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return f"chat:{chat['id']}"
        sender = body.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return f"user:{sender['id']}"
    return None


class JobQueue:
    """procrastinate on `conninfo`: enqueue updates (ingress), run them (worker)."""

    def __init__(self, conninfo: str, *, attempts: int) -> None:
        self.app = procrastinate.App(
            connector=procrastinate.PsycopgConnector(conninfo=conninfo, min_size=1, max_size=4)
        )
        self.conninfo = conninfo
        self.attempts = attempts

    async def open(self) -> None:
        await ensure_schema(self.conninfo)
        await self.app.open_async()

    async def close(self) -> None:
        await self.app.close_async()

    async def enqueue(self, conn: psycopg.AsyncConnection[Any], update: dict[str, Any]) -> None:
        """Add the job for `update` on `conn`, inside the caller's transaction."""
        deferrer = self.app.configure_task(TASK, lock=lock_for(update), connection=conn)
        await deferrer.defer_async(update=update)

    async def work(
        self,
        handle: Handle,
        *,
        concurrency: int,
        heartbeat: float,
        stalled: float,
        grace: float,
        poll: float,
    ) -> None:
        """Take and run jobs until cancelled (running ones get `grace` seconds, then go back to
        the queue); meanwhile put the jobs of dead workers back in the queue."""

        @self.app.task(
            name=TASK,
            pass_context=True,
            retry=self._retry(),
        )
        async def handle_update(context: JobContext, update: dict[str, Any]) -> None:
            await handle(update, context.job.attempts)

        await retry_given_up(self.app)
        sweeper = asyncio.create_task(self._sweep(stalled))
        try:
            await self.app.run_worker_async(
                concurrency=concurrency,
                fetch_job_polling_interval=poll,
                update_heartbeat_interval=heartbeat,
                stalled_worker_timeout=stalled,
                install_signal_handlers=False,  # the role stops us (cancels this coroutine)
                delete_jobs="successful",
                shutdown_graceful_timeout=grace,
            )
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper

    def _retry(self) -> RetryStrategy | bool:
        """`attempts` runs in all, 2, 4, 8 … s apart, on any exception: Undelivered, or the
        cancellation of a job still running when its worker stops (handler errors never get
        here: the Application's error handler answers them). procrastinate's `max_attempts`
        counts the runs after the first, and 0 would mean no limit."""
        if self.attempts <= 1:
            return False
        return RetryStrategy(
            max_attempts=self.attempts - 1, exponential_wait=RETRY_EXPONENTIAL_WAIT
        )

    async def _sweep(self, stalled: float) -> None:
        while True:
            await asyncio.sleep(max(stalled / 3, 0.2))
            try:
                await retry_stalled(self.app, stalled)
            except (psycopg.Error, queue_errors.ConnectorException) as exc:
                log.warning("could not look for stalled jobs: %s", exc)


async def retry_given_up(app: procrastinate.App) -> int:
    """Put the jobs that used up their tries (an outage longer than the retries) back in the
    queue, for one more try each: a worker's start does what `gistbot run`'s start does with
    the journal's unfinished updates."""
    again = 0
    for job in await app.job_manager.list_jobs_async(task=TASK, status="failed"):
        assert job.id is not None  # a listed job has its id
        try:
            await app.job_manager.retry_job_by_id_async(job.id, retry_at=utcnow())
        except queue_errors.ConnectorException:  # another worker took it back first
            continue
        again += 1
    if again:
        log.warning("%d updates whose delivery was given up are queued once more", again)
    return again


async def retry_stalled(app: procrastinate.App, stalled: float) -> int:
    """Put the running jobs of workers silent for `stalled` seconds back in the queue."""
    again = 0
    for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled):
        try:
            await app.job_manager.retry_job(job)
        except queue_errors.ConnectorException:  # another worker took it back first
            continue
        again += 1
        log.warning("job %s (lock %s) lost its worker; queued again", job.id, job.lock)
    return again


async def ensure_schema(conninfo: str) -> None:
    """Apply procrastinate's schema unless it is there, one process at a time."""
    async with await psycopg.AsyncConnection.connect(conninfo) as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        cursor = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
        row = await cursor.fetchone()
        if row is not None and row[0]:
            return
        await conn.execute(SchemaManager.get_schema())
        log.info("job queue schema created (procrastinate)")
