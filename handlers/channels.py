"""Channels where the bot is admin: a silent card under each post with a link; edits update it."""

from __future__ import annotations

from telegram import Update

from handlers import sources
from handlers.cards import job_key, make_card
from handlers.context import Context
from handlers.replies import answer, edit_html, failure_text, request_for


async def channel_post(update: Update, context: Context) -> None:
    """Reply to an article link or long forward in a channel post with a card (auto-post mode)."""
    post = update.channel_post
    assert post is not None  # filtered to channel posts
    if not (await context.bot_data.services.store.chat_settings(post.chat.id)).auto:
        return
    await answer(
        context, request_for(update, post, explicit=False), list(sources.auto_sources(post))
    )


async def edited_channel_post(update: Update, context: Context) -> None:
    """A post edited to carry a new link gets its card rewritten (or its first card)."""
    post = update.edited_channel_post
    assert post is not None  # filtered to edited channel posts
    services = context.bot_data.services
    settings = await services.store.chat_settings(post.chat.id)
    jobs = list(sources.auto_sources(post))
    if not settings.auto or not jobs:
        return
    existing = await services.store.channel_card(post.chat.id, post.message_id)
    if existing is None:
        await answer(context, request_for(update, post, explicit=False), jobs[:1])
        return
    card_id, old_key = existing
    key = job_key(jobs[0])
    if key == old_key:
        return  # a typo fix, not a new article
    try:
        card = await make_card(services, context.bot, jobs[0], settings.options(), post.chat)
    except Exception as exc:  # the old card stays; the failure is only logged
        failure_text(exc)
        return
    await edit_html(context.bot, post.chat, card_id, card.html)
    await services.store.save_channel_card(post.chat.id, post.message_id, card_id, key)
