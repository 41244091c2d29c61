"""The last resort: log the failure with its traceback, tell the person briefly."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.i18n import messages as msg
from handlers.context import Context
from handlers.language import reader

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the exception first, then send a short escaped sorry where someone asked."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        with contextlib.suppress(TelegramError):
            await update.effective_message.reply_text(reader(update).gettext(msg.GENERIC_SORRY))
