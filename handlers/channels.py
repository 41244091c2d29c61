"""Channels where the bot is admin: a silent card under each post with a link (edits: handlers.edits)."""

from __future__ import annotations

from telegram import Update

from handlers import sources
from handlers.context import Context
from handlers.replies import answer, request_for


async def channel_post(update: Update, context: Context) -> None:
    """Reply to an article link or long forward in a channel post with a card (auto-post mode)."""
    post = update.channel_post
    assert post is not None  # filtered to channel posts
    if not (await context.service.store.chat_settings(post.chat.id)).auto:
        return
    await answer(
        context, request_for(update, post, explicit=False), list(sources.auto_sources(post))
    )
