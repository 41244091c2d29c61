"""Private chats and groups: links, forwards, pasted text, documents, mentions, auto mode."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import TelegramError

from bot.errors import TooLargeError
from bot.i18n import messages as msg
from bot.models import FileSource, Source
from bot.service import MIN_TEXT_WORDS
from handlers import pieces, sources
from handlers.commands import tldr_sources
from handlers.context import Context
from handlers.language import reader_of
from handlers.replies import answer, reply_text, request_for


async def private_message(update: Update, context: Context) -> None:
    """Summarize the links, forward or long text of a message (or of the one it replies to)."""
    message = _message(update)
    if await pieces.collect(update, context, message):  # part of a long paste split by Telegram
        return
    found = sources.message_sources(message)
    if not found and message.reply_to_message is not None:
        found = sources.message_sources(message.reply_to_message)
    request = request_for(update, message, explicit=True)
    if not found:
        words = MIN_TEXT_WORDS
        hint = (await reader_of(context, update)).ngettext(msg.HINT, words, words=words)
        await reply_text(context, request, 0, hint)
        return
    await answer(context, request, found)


log = logging.getLogger(__name__)


async def private_document(update: Update, context: Context) -> None:
    """Summarize a .txt or .html file someone sent (up to the size cap)."""
    message = _message(update)
    document = message.document
    assert document is not None  # the handler's filter admits only documents
    request = request_for(update, message, explicit=True)
    labels = await reader_of(context, update)
    cap = context.service.settings.max_document_bytes
    if (document.file_size or 0) > cap:  # Telegram states the size: don't download past the cap
        await reply_text(context, request, 0, labels.gettext(TooLargeError.message))
        return
    try:
        data = bytes(await (await document.get_file()).download_as_bytearray())
    except TelegramError as exc:  # a file Telegram no longer has, or a network hiccup on its side
        log.info("document download failed: %s", exc)
        await reply_text(context, request, 0, labels.gettext(msg.DOWNLOAD_FAILED))
        return
    if len(data) > cap:  # the stated size was missing or wrong
        await reply_text(context, request, 0, labels.gettext(TooLargeError.message))
        return
    source: Source = FileSource(document.file_name or "document.txt", data)
    await answer(context, request, [source])


async def group_message(update: Update, context: Context) -> None:
    """A mention asks like /tldr; otherwise auto mode answers article links and long forwards."""
    message = _message(update)
    store = context.service.store
    found = sources.links(message)
    if found:
        await store.set_last_link(message.chat.id, found[-1])
    bot = context.bot
    if sources.mentions(message, bot.username, bot.id):
        asked = await tldr_sources(store, message, [])
        await answer(context, request_for(update, message, explicit=True), asked)
        return
    if (await store.chat_settings(message.chat.id)).auto:
        await answer(
            context, request_for(update, message, explicit=False), sources.auto_sources(message)
        )


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None  # every handler here is filtered to message updates
    return message
