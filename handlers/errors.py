"""The last resort: log the failure with its traceback, tell the person briefly.

A reply that could not be delivered (Bot API 5xx, dropped connection, full disk) is no reason to
apologise: the update stays pending and is tried again later (handlers.journal).
"""

from __future__ import annotations

import contextlib
import logging

from telegram import ReplyParameters, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.i18n import messages as msg
from handlers.context import Context
from handlers.journal import journal_of, undelivered
from handlers.language import reader

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the exception first; leave an undelivered update pending for a later try, or send a
    short escaped sorry threaded to the request where someone asked."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(update, Update) and undelivered(context.error):
        if journal_of(context).retry_later(update):
            log.warning("update %s: reply not delivered: %r", update_id, context.error)
            raise ApplicationHandlerStop  # not marked done: retried, or replayed by the next start
        log.error("update %s: giving up delivery after repeated failures", update_id)
        return
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    chat = update.effective_chat
    message = update.effective_message
    if chat is not None and chat.type == ChatType.PRIVATE:
        with contextlib.suppress(TelegramError):
            await message.reply_text(
                reader(update).gettext(msg.GENERIC_SORRY),
                reply_parameters=ReplyParameters(
                    message.message_id, allow_sending_without_reply=True
                ),
            )
