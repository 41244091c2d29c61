"""Wires the Telegram Application: handlers, rate limiter, storage, worker pool, lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sqlite3
from typing import Any
from urllib.parse import urlsplit

import psycopg
from telegram import BotCommand
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    ContextTypes,
    ExtBot,
)
from telegram.request import BaseRequest

import handlers
from bot.config import Settings
from bot.feeds.poll import FeedPoller
from bot.i18n import SOURCE_LANGUAGE, SUPPORTED, translator
from bot.limits import JobGate, Limits
from bot.logs import install_redaction
from bot.pipeline.core import Pipeline, warm_up
from bot.pipeline.fetch import Fetcher
from bot.service import Service
from bot.storage import SchemaError, open_store
from bot.workers import ProcessWorkers, Workers
from handlers.context import BotData, Context
from handlers.feeds import BotSender
from handlers.journal import RETRY_MAX_DELAY, JobJournal, JournalQueue
from handlers.webhook import WebhookServer

log = logging.getLogger(__name__)
App = Application[Any, Any, Any, Any, BotData, Any]
PRUNE_EVERY_SECONDS = 3600
ALLOWED_UPDATES = [
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "callback_query",
    "inline_query",
    "guest_message",
]
# An unreachable Bot API at start: tried again after 1, 2, 4 … s, at most a minute apart, until
# it answers or the bot is stopped.
CONNECT_FIRST_DELAY = 1.0
CONNECT_MAX_DELAY = 60.0


class StartupError(Exception):
    """The bot cannot start; the message is one line for the operator, without secrets."""


def build_application(
    settings: Settings,
    workers: Workers | None = None,
    request: BaseRequest | None = None,
    *,
    worker: bool = False,
) -> App:
    """The Application for `settings`; `workers` replaces the bot's own process pool, `request`
    the HTTP client of every Bot API call (handler tests pass one that records the calls).

    `worker`: the Application of a `gistbot worker` process (bot.roles): the same handlers, fed by
    the job queue; Telegram's limits shared with every other worker through PostgreSQL; no replay
    of the journal at start (the job queue holds what is unfinished)."""
    if settings.telegram_bot_token is None:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (see .env.example)")
    install_redaction([settings.telegram_bot_token.get_secret_value()])
    queue: JournalQueue
    limiter: BaseRateLimiter[int]
    if worker:
        from bot.roles import SharedRateLimiter  # the scaled-out roles only

        queue = JobJournal()
        limiter = SharedRateLimiter(settings)
    else:
        queue = JournalQueue(
            settings.delivery_retry_seconds, RETRY_MAX_DELAY, settings.delivery_attempts
        )
        limiter = AIORateLimiter(
            overall_max_rate=settings.telegram_overall_rate,
            overall_time_period=1,
            group_max_rate=settings.telegram_group_rate_per_minute,
            group_time_period=60,
            max_retries=settings.telegram_max_retries,  # a 429 is waited out and retried
        )
    timeout = settings.telegram_timeout
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .rate_limiter(limiter)
        .concurrent_updates(settings.concurrent_updates)
        .context_types(ContextTypes(context=Context, bot_data=BotData))
        .update_queue(queue)
        .post_init(lambda a: _open(a, settings, queue, workers, replay=not worker))
        .post_shutdown(lambda a: _close(a, owns_workers=workers is None))
    )
    if request is None:
        builder = (
            builder.connect_timeout(timeout)
            .read_timeout(timeout)
            .write_timeout(timeout)
            .pool_timeout(timeout)
        )
    else:  # the timeouts belong to the request given
        builder = builder.request(request).get_updates_request(request)
    app: App = builder.build()
    handlers.register(app)
    return app


async def _open(
    app: App, settings: Settings, queue: JournalQueue, given: Workers | None, *, replay: bool
) -> None:
    """Open store, workers and pipeline; replay unfinished updates; start the feed poller (its
    queue left by the last run goes out first); publish commands. A worker (`replay` False)
    only opens: the job queue holds what is unfinished, and the one worker holding the
    exactly-one lock starts the feed poller (bot.roles.SINGLE_DUTIES)."""
    store = await open_store(settings)
    workers = given
    if workers is None:
        pool = ProcessWorkers(
            settings.workers, initializer=warm_up, limits=settings.worker_limits()
        )
        await pool.warm_up()
        workers = pool
    limits = Limits(settings.user_rate_per_minute, settings.chat_rate_per_minute)
    service = Service(
        settings,
        store,
        Pipeline.from_settings(settings, workers),
        limits,
        JobGate(settings.max_queued_jobs, settings.max_waiting_jobs),
    )
    app.bot_data.service = service
    feeds = FeedPoller(service, Fetcher(settings.fetch_limits()), BotSender(app.bot))
    app.bot_data.feeds = feeds
    queue.attach(store)
    if not replay:  # a worker: the ingress publishes the commands
        return
    await queue.replay(app.bot)
    feeds.start()
    if app.job_queue is not None:  # the job-queue extra is a dependency; None only without it
        app.job_queue.run_repeating(_prune, interval=PRUNE_EVERY_SECONDS, first=0)
    await publish_commands(app.bot)


async def publish_commands(bot: ExtBot[Any]) -> None:
    """The command menu in English for everyone, and in each other language for its speakers."""
    for language in (None, *(code for code in SUPPORTED if code != SOURCE_LANGUAGE)):
        labels = translator(language)
        commands = [
            BotCommand(name, labels.gettext(text)) for name, text in handlers.COMMANDS.items()
        ]
        await bot.set_my_commands(commands, language_code=language)


async def _prune(context: Context) -> None:
    """Keep the store small: drop expired cache, old journal entries, links and retries."""
    settings = context.service.settings
    await context.service.store.prune(settings.cache_ttl_seconds, settings.repeat_window_seconds)


async def _close(app: App, *, owns_workers: bool) -> None:
    """Stop the feed poller (a card being sent is let finish), then close what _open opened."""
    service = app.bot_data.service
    if service is None:
        return
    if app.bot_data.feeds is not None:
        await app.bot_data.feeds.stop(service.settings.stop_grace_seconds)
        app.bot_data.feeds = None
    await service.pipeline.close()
    await service.store.close()
    if owns_workers:
        await service.pipeline.workers.close()
    app.bot_data.service = None


def run(settings: Settings) -> None:
    """Run the bot until SIGTERM or SIGINT: webhook when WEBHOOK_URL is set, long polling
    otherwise. StartupError when it cannot start (a rejected token, a store that cannot open)."""
    asyncio.run(serve(settings))


async def serve(settings: Settings, workers: Workers | None = None) -> None:
    """Start, run until a stop signal, and stop in order: stop taking updates, give in-flight
    ones `stop_grace_seconds` to finish, leave the rest pending in the journal, close."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    if settings.webhook_url:
        webhook_options(settings)  # a webhook without its secret stops here, before any connection
    app = build_application(settings, workers)
    if not await initialize(app, stopping):
        return
    assert app.updater is not None  # build_application builds the default Updater
    server: WebhookServer | None = None
    try:
        assert app.post_init is not None  # build_application sets it
        try:
            await app.post_init(app)
        except (OSError, ValueError, sqlite3.Error, psycopg.Error, SchemaError) as exc:
            raise StartupError(f"could not open the store or worker pool: {exc}") from exc
        server = await take_updates(app, settings)
        await app.start()
        log.info("gistbot is running")
        await stopping.wait()
        await stop_in_order(app, server, settings.stop_grace_seconds)
    finally:
        if server is not None:
            await server.stop()
        await close(app)


async def close(app: App) -> None:
    """Stop whatever of the application is still running, close its resources, shut it down."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()


async def initialize(app: App, stopping: asyncio.Event) -> bool:
    """Reach the Bot API (getMe), trying again with backoff while it is unreachable; False when
    stopped meanwhile. StartupError when the token is rejected."""
    delay = CONNECT_FIRST_DELAY
    while True:
        try:
            await app.initialize()
            return True
        except InvalidToken as exc:
            raise StartupError(
                "the Bot API rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)"
            ) from exc
        except NetworkError as exc:
            log.warning("Bot API unreachable (%s); trying again in %.0f s", exc.message, delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), delay)
        if stopping.is_set():
            return False
        delay = min(delay * 2, CONNECT_MAX_DELAY)


async def stop_in_order(app: App, server: WebhookServer | None, grace: float) -> None:
    """Stop taking updates, let in-flight ones finish within `grace`, leave the rest journaled."""
    assert app.updater is not None  # build_application sets it
    log.info("stopping: taking no new updates; in-flight ones get %.0f s", grace)
    if server is not None:
        await server.stop()
    if app.updater.running:
        await app.updater.stop()
    queue = app.update_queue
    assert isinstance(queue, JournalQueue)  # build_application's
    left = queue.close()
    cancelled = await queue.settle(grace)
    if left or cancelled:
        log.warning(
            "%d queued and %d in-flight updates stay pending for the next start", left, cancelled
        )
    await app.stop()


async def take_updates(app: App, settings: Settings) -> WebhookServer | None:
    """Start taking updates in: long polling, or (WEBHOOK_URL set) our webhook server and
    setWebhook; returns the server to stop, if one was started."""
    if not settings.webhook_url:
        assert app.updater is not None  # built with the default Updater
        await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        return None
    options = webhook_options(settings)
    server = webhook_server(app, settings)
    await server.start()
    await app.bot.set_webhook(
        options["webhook_url"],
        secret_token=options["secret_token"],
        allowed_updates=ALLOWED_UPDATES,
    )
    return server


def webhook_server(app: App, settings: Settings) -> WebhookServer:
    """Our webhook server for these settings (it refuses to run without the secret)."""
    options = webhook_options(settings)
    return WebhookServer(
        app,
        listen=options["listen"],
        port=options["port"],
        path=options["url_path"],
        secret=options["secret_token"],
        max_bytes=settings.webhook_max_bytes,
    )


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments for run_webhook/start_webhook; refuses to run a webhook without its secret."""
    if not settings.webhook_url:
        raise SystemExit("WEBHOOK_URL is not set")
    if settings.webhook_secret is None:
        # Without the secret anyone who finds the URL can post fake updates to the bot.
        raise SystemExit("WEBHOOK_SECRET is required with WEBHOOK_URL (see .env.example)")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret.get_secret_value(),
        "allowed_updates": ALLOWED_UPDATES,
    }
