"""Wires the Telegram Application: handlers, rate limiter, storage, worker pool, lifecycle."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, ExtBot
from telegram.request import BaseRequest

import handlers
from bot.config import Settings
from bot.i18n import SOURCE_LANGUAGE, SUPPORTED, translator
from bot.limits import JobGate, Limits
from bot.logs import install_redaction
from bot.pipeline.core import Pipeline, warm_up
from bot.service import Service
from bot.storage import open_store
from bot.workers import ProcessWorkers, Workers
from handlers.context import BotData, Context
from handlers.journal import JournalQueue

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


def build_application(
    settings: Settings, workers: Workers | None = None, request: BaseRequest | None = None
) -> App:
    """The Application for `settings`; `workers` replaces the bot's own process pool, `request`
    the HTTP client of every Bot API call (handler tests pass one that records the calls)."""
    if settings.telegram_bot_token is None:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (see .env.example)")
    install_redaction([settings.telegram_bot_token.get_secret_value()])
    queue = JournalQueue()
    timeout = settings.telegram_timeout
    limiter = AIORateLimiter(
        overall_max_rate=settings.telegram_overall_rate,
        overall_time_period=1,
        group_max_rate=settings.telegram_group_rate_per_minute,
        group_time_period=60,
        max_retries=settings.telegram_max_retries,  # a 429 is waited out and retried, never dropped
    )
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .rate_limiter(limiter)
        .concurrent_updates(settings.concurrent_updates)
        .context_types(ContextTypes(context=Context, bot_data=BotData))
        .update_queue(queue)
        .post_init(lambda a: _open(a, settings, queue, workers))
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


async def _open(app: App, settings: Settings, queue: JournalQueue, given: Workers | None) -> None:
    """Open store, workers and pipeline; replay unfinished updates; publish commands."""
    store = await open_store(settings)
    workers = given
    if workers is None:
        pool = ProcessWorkers(
            settings.workers, initializer=warm_up, limits=settings.worker_limits()
        )
        await pool.warm_up()
        workers = pool
    limits = Limits(settings.user_rate_per_minute, settings.chat_rate_per_minute)
    app.bot_data.service = Service(
        settings,
        store,
        Pipeline.from_settings(settings, workers),
        limits,
        JobGate(settings.max_queued_jobs),
    )
    queue.attach(store)
    await queue.replay(app.bot)
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
    service = app.bot_data.service
    if service is None:
        return
    await service.pipeline.close()
    await service.store.close()
    if owns_workers:
        await service.pipeline.workers.close()
    app.bot_data.service = None


def run(settings: Settings) -> None:
    """Run the bot until stopped: webhook when WEBHOOK_URL is set, long polling otherwise."""
    app = build_application(settings)
    if settings.webhook_url:
        app.run_webhook(**webhook_options(settings))
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)


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
