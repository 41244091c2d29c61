"""The scaled-out roles: `gistbot ingress` takes updates in, `gistbot worker` answers them.

    Telegram ──► ingress (polling, or webhooks behind a load balancer; any number in webhook mode)
                   journal the update + enqueue its job, one transaction (PostgreSQL)
                               │ procrastinate (bot.jobs): per-chat lock, heartbeats
                               ▼
                 worker × N: the Application `gistbot run` builds, its handlers, its worker
                   pool; `app.process_update(update)`; Telegram's limits shared (SharedRateLimiter)

`gistbot run` is all of this in one process and stays the default. Both roles need DATABASE_URL:
the journal, the store and the queue live in one PostgreSQL database.

Exactly-one duties (the feed poller) run in one worker: `SINGLE_DUTIES` lists them, and the worker
that holds the PostgreSQL advisory lock `ONE_PROCESS_LOCK` runs them with its Application (its
store, pipeline and shared rate limiter); the other workers try for the lock every
`SINGLE_DUTY_RETRY_SECONDS` and take over when its holder dies (the server frees a dead session's
lock). Not the ingress: several may run in webhook mode, and it has no pipeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

import psycopg
from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter

from bot.app import (
    PRUNE_EVERY_SECONDS,
    StartupError,
    close,
    initialize,
    publish_commands,
    take_updates,
    webhook_options,
)
from bot.app import build_application as _build_application
from bot.config import Settings
from bot.jobs import JobQueue, Undelivered
from bot.rates import SharedRates
from bot.storage import PostgresStore, SchemaError
from bot.workers import Workers
from handlers.journal import JobJournal
from handlers.webhook import WebhookServer

log = logging.getLogger(__name__)
# pg_try_advisory_lock key of the duties exactly one process runs: "gistbot1" in ASCII.
ONE_PROCESS_LOCK = int.from_bytes(b"gistbot1", "big")
_DB_ERRORS = (OSError, ValueError, sqlite3.Error, psycopg.Error, SchemaError)
SINGLE_DUTY_RETRY_SECONDS = 30.0

SingleDuty = Callable[[Any], Awaitable[None]]
"""A coroutine function of the worker's Application that runs until cancelled."""


async def run_feed_poller(app: Any) -> None:
    """The feed poller (bot/feeds) of this worker's Application: started once, kept until the
    Application closes (its post_shutdown stops the poller, letting a card being sent finish)."""
    feeds = app.bot_data.feeds
    if feeds is None:
        return
    feeds.start()
    await asyncio.Event().wait()  # runs until the worker stops


SINGLE_DUTIES: list[SingleDuty] = [run_feed_poller]


def database_url(settings: Settings, role: str) -> str:
    """DATABASE_URL, which both roles need; StartupError in one line without it."""
    if settings.database_url is None:
        raise StartupError(
            f"gistbot {role} needs DATABASE_URL (postgresql://…): the journal, the store and"
            " the job queue are shared through PostgreSQL; `gistbot run` needs none"
        )
    return settings.database_url.get_secret_value()


def _stop_event() -> asyncio.Event:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    return stopping


class SharedRateLimiter(BaseRateLimiter[int]):
    """PTB's rate-limiter seam with AIORateLimiter's rules (30 a second for the bot, 20 a
    minute for each group or channel, a 429 waited out and retried), kept in PostgreSQL
    (bot.rates) so all the workers together stay within them."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._rates: SharedRates | None = None
        token = settings.telegram_bot_token
        bot_id = token.get_secret_value().split(":", 1)[0] if token else "bot"
        self._prefix = f"{bot_id}:"  # the public bot id: one database may serve several bots

    async def initialize(self) -> None:
        self._rates = await SharedRates.open(database_url(self._settings, "worker"))

    async def shutdown(self) -> None:
        if self._rates is not None:
            await self._rates.close()
            self._rates = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        rates = self._rates
        assert rates is not None, "the bot initializes its rate limiter first"
        settings = self._settings
        retries = rate_limit_args or settings.telegram_max_retries
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]  # an int, or an @channel name
        group = isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0)
        for attempt in range(retries + 1):
            if chat_id is not None:  # as AIORateLimiter: only calls into a chat are limited
                if group and settings.telegram_group_rate_per_minute:
                    key = f"{self._prefix}chat:{chat_id}"
                    await rates.acquire(key, settings.telegram_group_rate_per_minute, 60)
                if settings.telegram_overall_rate:
                    await rates.acquire(f"{self._prefix}all", settings.telegram_overall_rate, 1)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                log.info("rate limit hit (%s); every worker waits %.1f s", endpoint, seconds)
                await rates.pause(f"{self._prefix}all", seconds, 1)
                await asyncio.sleep(seconds + 0.1)
        raise AssertionError("unreachable: the last attempt returns or raises")


class IngressQueue(asyncio.Queue[object]):
    """The ingress's update queue: `put` journals the update and enqueues its job in one
    transaction (an update seen before is dropped); nothing is processed here."""

    def __init__(self, store: PostgresStore, jobs: JobQueue) -> None:
        super().__init__()
        self._store, self._jobs = store, jobs

    async def put(self, item: object) -> None:
        if not isinstance(item, Update):
            return  # PTB's own signals: nobody consumes this queue
        data = json.loads(item.to_json())
        added = await self._store.journal_add_then(
            item.update_id, item.to_json(), lambda conn: self._jobs.enqueue(conn, data)
        )
        if not added:
            log.info("update %d was delivered before; not queued again", item.update_id)


def run_ingress(settings: Settings) -> None:
    asyncio.run(serve_ingress(settings))


async def serve_ingress(settings: Settings) -> None:
    """Take updates (polling, or the webhook when WEBHOOK_URL is set) until a stop signal."""
    url = database_url(settings, "ingress")
    stopping = _stop_event()
    if settings.webhook_url:
        webhook_options(settings)  # a webhook without its secret stops here, before any connection
    try:
        store = await PostgresStore.open(url)
    except _DB_ERRORS as exc:
        raise StartupError(f"could not open the store: {exc}") from exc
    jobs = JobQueue(url, attempts=settings.delivery_attempts)
    server: WebhookServer | None = None
    prune: asyncio.Task[None] | None = None
    app = _ingress_application(settings, IngressQueue(store, jobs))
    try:
        try:
            await jobs.open()
        except _DB_ERRORS as exc:
            raise StartupError(f"could not open the job queue: {exc}") from exc
        if not await initialize(app, stopping):
            return
        assert app.updater is not None  # built with the default Updater
        await publish_commands(app.bot)
        prune = asyncio.create_task(_prune_hourly(store, settings))
        server = await take_updates(app, settings)
        log.info("gistbot ingress is running")
        await stopping.wait()
        log.info("stopping: taking no new updates")
    finally:
        if server is not None:
            await server.stop()
        if prune is not None:
            prune.cancel()
        await close(app)
        await jobs.close()
        await store.close()


def _ingress_application(
    settings: Settings, queue: IngressQueue
) -> Application[Any, Any, Any, Any, Any, Any]:
    """An Application that only takes updates in: its Updater (or our webhook server) feeds
    `queue`; it is never started, so no handler runs here."""
    if settings.telegram_bot_token is None:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (see .env.example)")
    timeout = settings.telegram_timeout
    return (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .update_queue(queue)
        .connect_timeout(timeout)
        .read_timeout(timeout)
        .write_timeout(timeout)
        .pool_timeout(timeout)
        .build()
    )


async def _prune_hourly(store: PostgresStore, settings: Settings) -> None:
    while True:
        try:
            await store.prune(settings.cache_ttl_seconds, settings.repeat_window_seconds)
        except psycopg.Error as exc:
            log.warning("could not prune the store: %s", exc)
        await asyncio.sleep(PRUNE_EVERY_SECONDS)


def run_worker(settings: Settings) -> None:
    asyncio.run(serve_worker(settings))


async def serve_worker(settings: Settings, workers: Workers | None = None) -> None:
    """Take jobs and answer their updates with the bot's own handlers until a stop signal."""
    url = database_url(settings, "worker")
    stopping = _stop_event()
    app = _build_application(settings, workers, worker=True)
    journal = app.update_queue
    assert isinstance(journal, JobJournal)  # build_application(worker=True) gives one
    jobs = JobQueue(url, attempts=settings.delivery_attempts)

    async def handle(payload: dict[str, Any], tried: int) -> None:
        update = Update.de_json(payload, app.bot)
        if tried:  # its first run ended without finishing (a dead worker, a failed send)
            journal.replayed.add(update.update_id)
        await app.process_update(update)
        if journal.take_undelivered(update.update_id):
            raise Undelivered(f"update {update.update_id}: the reply was not delivered")

    try:
        try:  # the shared rate limiter opens with the bot: a database error may come from there
            if not await initialize(app, stopping):
                return
        except _DB_ERRORS as exc:
            raise StartupError(f"could not open the shared rate limits: {exc}") from exc
        assert app.post_init is not None  # build_application sets it
        try:
            await app.post_init(app)
            await jobs.open()
        except _DB_ERRORS as exc:
            raise StartupError(f"could not open the store, job queue or workers: {exc}") from exc
        await app.start()
        work = asyncio.create_task(
            jobs.work(
                handle,
                concurrency=settings.queue_concurrency,
                heartbeat=settings.queue_heartbeat_seconds,
                stalled=settings.queue_stalled_seconds,
                grace=settings.stop_grace_seconds,
                poll=settings.queue_poll_seconds,
            )
        )
        duties = asyncio.create_task(run_single_duties(url, app, SINGLE_DUTIES))
        log.info("gistbot worker is running")
        stop = asyncio.create_task(stopping.wait())
        await asyncio.wait({work, stop}, return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        duties.cancel()
        log.info(
            "stopping: taking no new jobs; running ones get %.0f s", settings.stop_grace_seconds
        )
        work.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await work
    finally:
        await close(app)
        await jobs.close()


async def run_single_duties(
    conninfo: str,
    app: Any,
    duties: list[SingleDuty],
    every: float = SINGLE_DUTY_RETRY_SECONDS,
) -> None:
    """Run `duties` in this process while it holds `ONE_PROCESS_LOCK`; otherwise try again
    every `every` seconds. Returns at once when there are none."""
    while duties:
        try:
            async with holding_single_duty(conninfo) as mine:
                if mine:
                    log.info("this worker runs the exactly-one duties")
                    await asyncio.gather(*(duty(app) for duty in duties))
        except psycopg.Error as exc:
            log.warning("exactly-one duties: %s", exc)
        await asyncio.sleep(every)


@contextlib.asynccontextmanager
async def holding_single_duty(conninfo: str) -> AsyncIterator[bool]:
    """Whether this process holds `ONE_PROCESS_LOCK` (held until the block ends, or the
    process dies: PostgreSQL frees a dead session's advisory locks). Only its holder runs the
    duties that must run once; the others may try again later."""
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
        cursor = await conn.execute("SELECT pg_try_advisory_lock(%s)", (ONE_PROCESS_LOCK,))
        row = await cursor.fetchone()
        yield bool(row and row[0])
