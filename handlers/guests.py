"""Guest mode (Bot API 10.0): someone @mentions the bot in a chat it is not a member of, with a link
or in reply to a message with one, and the card is posted there as the bot's guest answer.

Telegram delivers a `guest_message` carrying a `guest_query_id`; the answer is one inline result
(`answerGuestQuery`), the same article result inline mode offers. Journaled like every update: the
answer is recorded under (update id, 0), so a replayed update does not post it twice.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot.models import UrlSource
from handlers import sources
from handlers.context import Context
from handlers.inline import card_result
from handlers.language import reader


async def guest_message(update: Update, context: Context) -> None:
    """Answer a guest mention with the card of its link, or of the replied message's link."""
    message = update.guest_message
    assert message is not None  # filtered to guest messages
    query_id, user = message.guest_query_id, message.from_user
    if query_id is None or user is None:
        return
    found = sources.links(message)
    if not found and message.reply_to_message is not None:
        found = sources.links(message.reply_to_message)
    svc = context.service
    if not found or await svc.store.reply_for(update.update_id, 0) is not None:
        return
    labels = reader(update, await svc.store.chat_settings(user.id))
    result = await card_result(svc, UrlSource(found[0]), user.id, labels)
    try:
        await context.bot.answer_guest_query(query_id, result)
    except BadRequest as exc:  # the query expired while the page was read: nothing to post into
        if "query" not in exc.message.lower():
            raise
        return
    await svc.store.record_reply(update.update_id, 0, message.chat.id, 0)
