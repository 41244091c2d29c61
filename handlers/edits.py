"""Edited messages and channel posts: when the link (or the pasted text) changed, the reply the bot
gave that message becomes the new card; a typo fix that keeps the link changes nothing.

The store keeps, per (chat, message), the bot's first reply to it and the key of what that reply was
about (`Store.channel_card`, filled by `Service.delivered` for cards and by handlers.replies for
failure notes); that is the whole mechanism, the same in channels, groups and private chats. An edit
that arrives while the message's first answer is still being made waits for it (at most as long as
a fetch and a worker job may take: `handlers.journal.Answering`), then edits that answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections.abc import Sequence

from telegram import Message, Update

from bot import service
from bot.models import Source
from handlers import sources
from handlers.context import Context
from handlers.journal import journal_of
from handlers.language import reader
from handlers.progress import typing
from handlers.replies import answer, edit_html, failure_text, request_for, retry_markup


async def edited_message(update: Update, context: Context) -> None:
    """A private or group message edited: re-answer it when what it offers changed."""
    message = update.edited_message
    assert message is not None  # filtered to edited messages
    if message.chat.type == "private":
        found = sources.message_sources(message)
        if not found and message.reply_to_message is not None:
            found = sources.message_sources(message.reply_to_message)
        await refresh(context, update, message, found, explicit=True)
        return
    bot = context.bot
    if sources.mentions(message, bot.username, bot.id):
        await refresh(context, update, message, sources.message_sources(message), explicit=True)
    elif (await context.service.store.chat_settings(message.chat.id)).auto:
        await refresh(context, update, message, sources.auto_sources(message), explicit=False)


async def edited_channel_post(update: Update, context: Context) -> None:
    """A post edited to carry a new link gets its card rewritten (or its first card)."""
    post = update.edited_channel_post
    assert post is not None  # filtered to edited channel posts
    if (await context.service.store.chat_settings(post.chat.id)).auto:
        await refresh(context, update, post, sources.auto_sources(post)[:1], explicit=False)


async def refresh(
    context: Context,
    update: Update,
    message: Message,
    found: Sequence[Source],
    *,
    explicit: bool,
) -> None:
    """The edited `message` offers `found`: answer it afresh if the bot never replied to it, edit
    that reply into the new card if the first source changed, else leave everything as it is."""
    if not found:
        return
    svc = context.service
    request = request_for(update, message, explicit=explicit)
    answering = journal_of(context).answering.pending(message.chat.id, message.message_id)
    if answering is not None:  # its first answer is still being made: edit that one
        first_answer = svc.settings.fetch_total_timeout + svc.settings.worker_job_seconds
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(first_answer):
                await answering.wait()
    existing = await svc.store.channel_card(message.chat.id, message.message_id)
    if existing is None:
        await answer(context, request, found)
        return
    reply_id, old_key = existing
    key = service.source_key(found[0])
    if key == old_key:
        return  # a typo fix, not a new article
    settings = await svc.store.chat_settings(message.chat.id)
    progress = lambda: typing(context.bot, message.chat, svc.settings.typing_delay)  # noqa: E731
    outcome = await svc.answer(request.asked, found[0], settings, progress)
    if isinstance(outcome, service.Card):
        await edit_html(context.bot, message.chat, reply_id, outcome.html)
        await svc.delivered(request.asked, outcome, reply_id, message.message_id)
    elif isinstance(outcome, service.Failure) and outcome.show:  # asked: the reply says why now
        labels = reader(update, settings)
        retry_id = await svc.store.save_retry(found[0]) if outcome.retry else None
        markup = retry_markup(retry_id, labels) if retry_id is not None else None
        note = html.escape(failure_text(outcome.error, labels))
        await edit_html(context.bot, message.chat, reply_id, note, markup)
        await svc.store.save_channel_card(message.chat.id, message.message_id, reply_id, key)
    # A Repeat, a Skip or an unshown failure: the old reply stays (the failure is only logged).
