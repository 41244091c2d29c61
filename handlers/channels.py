"""Channels where the bot is admin: a silent card under each post with a link; edits update it."""

from __future__ import annotations

from telegram import Update

from bot.service import source_key
from handlers import sources
from handlers.context import Context
from handlers.replies import answer, edit_html, failure_text, request_for


async def channel_post(update: Update, context: Context) -> None:
    """Reply to an article link or long forward in a channel post with a card (auto-post mode)."""
    post = update.channel_post
    assert post is not None  # filtered to channel posts
    if not (await context.service.store.chat_settings(post.chat.id)).auto:
        return
    await answer(
        context, request_for(update, post, explicit=False), list(sources.auto_sources(post))
    )


async def edited_channel_post(update: Update, context: Context) -> None:
    """A post edited to carry a new link gets its card rewritten (or its first card)."""
    post = update.edited_channel_post
    assert post is not None  # filtered to edited channel posts
    svc = context.service
    settings = await svc.store.chat_settings(post.chat.id)
    found = sources.auto_sources(post)
    if not settings.auto or not found:
        return
    existing = await svc.store.channel_card(post.chat.id, post.message_id)
    if existing is None:
        await answer(context, request_for(update, post, explicit=False), found[:1])
        return
    card_id, old_key = existing
    key = source_key(found[0])
    if key == old_key:
        return  # a typo fix, not a new article
    try:
        card = await svc.card(found[0], settings.options())
    except Exception as exc:  # the old card stays; the failure is only logged
        failure_text(exc)
        return
    await edit_html(context.bot, post.chat, card_id, card.html)
    await svc.store.save_channel_card(post.chat.id, post.message_id, card_id, key)
