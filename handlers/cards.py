"""A job (link, text, document) -> a card: the cache, the pipeline, a typing indicator."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from telegram import Chat
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.models import Digest, Options, Page, Source, TextSource, UrlSource
from bot.pipeline.render import render_html
from bot.storage import CachedCard
from bot.urls import normalize_url
from handlers.context import Services

TYPING_EVERY = 4.5  # seconds; Telegram shows a chat action for 5 s, so renew it just before


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """An .html file someone sent: already a page, nothing to fetch."""

    page: Page


Job = Source | HtmlDocument


def job_key(job: Job) -> str:
    """One key per article: the normalized URL, or a hash of the text."""
    if isinstance(job, UrlSource):
        return normalize_url(job.url)
    text = job.text if isinstance(job, TextSource) else job.page.text
    return (
        "sha1:" + hashlib.sha1(text.encode("utf-8", "replace"), usedforsecurity=False).hexdigest()
    )


async def make_card(
    services: Services, bot: ExtBot[None], job: Job, options: Options, chat: Chat
) -> CachedCard:
    """The card for `job`, from the cache when fresh; raises GistError subclasses on failure."""
    key = f"{job_key(job)}|{options.length}|{int(options.quotes)}|{options.language or ''}"
    cached = await services.store.cached_card(key, services.settings.cache_ttl_seconds)
    if cached is not None:
        return cached
    async with services.gate.slot(), _typing(services, bot, chat):
        digest = await _digest(services, job, options)
    card = CachedCard(html=render_html(digest), words=digest.article.word_count)
    await services.store.cache_card(key, card)
    return card


async def _digest(services: Services, job: Job, options: Options) -> Digest:
    if isinstance(job, HtmlDocument):  # an uploaded page skips the fetch, not the worker pool
        return await services.pipeline.run_page(job.page, options)
    return await services.pipeline.run(job, options)


@contextlib.asynccontextmanager
async def _typing(services: Services, bot: ExtBot[None], chat: Chat) -> AsyncIterator[None]:
    """Show "typing" while the body runs (not in channels, where nobody sees it)."""
    if chat.type == ChatType.CHANNEL:
        yield
        return
    delay = services.settings.typing_delay
    if delay == 0:  # the first action goes out before the work starts (tests rely on seeing it)
        await _chat_action(bot, chat.id)
    task = asyncio.create_task(_keep_typing(bot, chat.id, delay or TYPING_EVERY, first=delay > 0))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _keep_typing(bot: ExtBot[None], chat_id: int, delay: float, *, first: bool) -> None:
    # A quick answer needs no indicator; skipping it saves a request of the bot's 30/s budget.
    await asyncio.sleep(delay if first else TYPING_EVERY)
    while True:
        await _chat_action(bot, chat_id)
        await asyncio.sleep(TYPING_EVERY)


async def _chat_action(bot: ExtBot[None], chat_id: int) -> None:
    with contextlib.suppress(TelegramError):  # the indicator is cosmetic; never fail the job for it
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
