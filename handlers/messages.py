"""Private chats and groups: links, forwards, pasted text, documents, mentions, auto mode."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import TelegramError

from bot.errors import TooLargeError
from bot.i18n import messages as msg
from bot.models import Page, TextSource
from bot.pipeline.decode import decode_body
from handlers import sources
from handlers.cards import HtmlDocument, Job
from handlers.commands import tldr_jobs
from handlers.context import Context
from handlers.language import reader_of
from handlers.replies import answer, reply_text, request_for

HTML_SUFFIXES = (".html", ".htm")


async def private_message(update: Update, context: Context) -> None:
    """Summarize the links, forward or long text of a message (or of the one it replies to)."""
    message = _message(update)
    jobs: list[Job] = list(sources.message_sources(message))
    if not jobs and message.reply_to_message is not None:
        jobs = list(sources.message_sources(message.reply_to_message))
    request = request_for(update, message, explicit=True)
    if not jobs:
        words = sources.MIN_TEXT_WORDS
        hint = (await reader_of(context, update)).ngettext(msg.HINT, words, words=words)
        await reply_text(context, request, 0, hint)
        return
    await answer(context, request, jobs)


log = logging.getLogger(__name__)


async def private_document(update: Update, context: Context) -> None:
    """Summarize a .txt or .html file someone sent (up to the size cap)."""
    message = _message(update)
    document = message.document
    assert document is not None  # the handler's filter admits only documents
    request = request_for(update, message, explicit=True)
    labels = await reader_of(context, update)
    cap = context.bot_data.services.settings.max_document_bytes
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
    name = (document.file_name or "").lower()
    text, _ = decode_body(data, None, html=name.endswith(HTML_SUFFIXES))
    page = Page(url="", text=text, content_type="text/html", charset="utf-8")
    job: Job = HtmlDocument(page) if name.endswith(HTML_SUFFIXES) else TextSource(text)
    await answer(context, request, [job])


async def group_message(update: Update, context: Context) -> None:
    """A mention asks like /tldr; otherwise auto mode answers article links and long forwards."""
    message = _message(update)
    services = context.bot_data.services
    found = sources.links(message)
    if found:
        await services.store.set_last_link(message.chat.id, found[-1])
    bot = context.bot
    if sources.mentions(message, bot.username, bot.id):
        jobs = await tldr_jobs(services.store, message, [])
        await answer(context, request_for(update, message, explicit=True), jobs)
        return
    if (await services.store.chat_settings(message.chat.id)).auto:
        jobs = list(sources.auto_sources(message))
        await answer(context, request_for(update, message, explicit=False), jobs)


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None  # every handler here is filtered to message updates
    return message
