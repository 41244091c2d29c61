"""Which language the bot speaks to the person behind an update (texts from bot.i18n)."""

from __future__ import annotations

from telegram import Update

from bot.chats import ChatSettings
from bot.i18n import Translator, reader_language, translator
from handlers.context import Context


def reader(update: Update, settings: ChatSettings | None = None) -> Translator:
    """The chat's language setting when one is given and set, else the user's Telegram language."""
    user = update.effective_user
    chat_language = settings.language if settings is not None else ""
    return translator(reader_language(chat_language, user.language_code if user else None))


async def reader_of(context: Context, update: Update) -> Translator:
    """Like `reader`, with the chat's settings read from the store."""
    chat = update.effective_chat
    store = context.service.store
    return reader(update, await store.chat_settings(chat.id) if chat is not None else None)
