"""One request -> one threaded reply per source: a card, a pointer to an earlier one, or a failure
with Retry, as the service decides.

Every reply is recorded in the store under (update id, part) the moment Telegram accepts it,
before anything else is sent, and a part that already has a reply is skipped: an update processed
again after a crash, a stop or a failed send re-sends nothing that was recorded. A send that
fails raises, so the update stays pending (handlers.journal); a reply whose record cannot be
written (full disk) is remembered in memory so this run does not send it again.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass

from telegram import (
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot import service
from bot.chats import ChatSettings
from bot.errors import GistError
from bot.i18n import Translator, reader_language, translator
from bot.i18n import messages as msg
from bot.models import FileSource, Source, UrlSource
from handlers.context import Context
from handlers.journal import journal_of
from handlers.progress import typing

log = logging.getLogger(__name__)
ENGLISH = translator("en")  # for what only the logs and operators read
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


@dataclass(frozen=True, slots=True)
class Request:
    """One update's request: the service's view of it, and where in Telegram the replies go."""

    update_id: int
    chat: Chat
    reply_to: int
    asked: service.Request
    user_language: str | None  # the asker's Telegram language code


def request_for(update: Update, message: Message, *, explicit: bool) -> Request:
    user = update.effective_user
    chat = message.chat
    asked = service.Request(chat.id, _kind(chat), user.id if user else None, explicit)
    return Request(
        update.update_id, chat, message.message_id, asked, user.language_code if user else None
    )


def _kind(chat: Chat) -> service.ChatKind:
    if chat.type == ChatType.CHANNEL:
        return "channel"
    return "group" if chat.type in GROUPS else "private"


async def answer(context: Context, request: Request, sources: Sequence[Source]) -> None:
    """A card (or a short reason) for each source, up to the per-message cap."""
    svc = context.service
    settings = await svc.store.chat_settings(request.chat.id)
    labels = translator(reader_language(settings.language, request.user_language))
    if request.update_id in journal_of(context).replayed:  # queued whatever the queue's length
        request = dataclasses.replace(
            request, asked=dataclasses.replace(request.asked, replayed=True)
        )
    cap = svc.settings.max_links_per_message
    for part, source in enumerate(sources[:cap]):
        if await _replied(context, request, part) is None:
            await _answer_one(context, request, part, source, settings, labels)
    if len(sources) > cap and request.asked.explicit:  # auto mode stays quiet about the rest
        await reply_text(context, request, cap, skipped_note(sources[cap:], cap, labels))


def skipped_note(skipped: Sequence[Source], cap: int, labels: Translator) -> str:
    """The one note after the cards of a message with more sources than the cap: which, and why."""
    names = ", ".join(html.escape(_name(source)) for source in skipped)
    return labels.ngettext(msg.LINKS_SKIPPED, cap, cap=cap, skipped=names)


def _name(source: Source) -> str:
    if isinstance(source, UrlSource):
        return source.url
    return source.name if isinstance(source, FileSource) else source.text[:40] + "…"


async def _replied(context: Context, request: Request, part: int) -> int | None:
    """The message already sent for this part of the request, if any."""
    unrecorded = journal_of(context).unrecorded.get((request.update_id, part))
    if unrecorded is not None:
        return unrecorded
    return await context.service.store.reply_for(request.update_id, part)


async def _record(context: Context, request: Request, part: int, message_id: int) -> None:
    """Note a reply Telegram accepted, before anything else is sent (kept in memory if the
    store cannot take it, so this run never sends it twice)."""
    try:
        await context.service.store.record_reply(
            request.update_id, part, request.chat.id, message_id
        )
    except Exception:
        journal_of(context).unrecorded[(request.update_id, part)] = message_id
        raise


async def reply_text(
    context: Context,
    request: Request,
    part: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A short HTML note threaded to the request, sent at most once."""
    if await _replied(context, request, part) is None:
        await _send(context, request, part, text, markup)


async def _answer_one(
    context: Context,
    request: Request,
    part: int,
    source: Source,
    chat: ChatSettings,
    labels: Translator,
) -> None:
    svc = context.service
    delay = svc.settings.typing_delay
    outcome = await svc.answer(
        request.asked, source, chat, lambda: typing(context.bot, request.chat, delay)
    )
    if isinstance(outcome, service.Card):
        sent = await _send(context, request, part, outcome.html)
        await svc.delivered(request.asked, outcome, sent, request.reply_to if part == 0 else None)
    elif isinstance(outcome, service.Repeat):
        await _point_to(context, request, part, outcome.message_id, labels)
    elif isinstance(outcome, service.Failure):
        text = failure_text(outcome.error, labels)
        if outcome.show:
            retry_id = await svc.store.save_retry(source) if outcome.retry else None
            markup = retry_markup(retry_id, labels) if retry_id is not None else None
            sent = await _send(context, request, part, html.escape(text), markup)
            if part == 0:  # an edit of the message that fixes the link turns this note into a card
                key = service.source_key(source)
                await svc.store.save_channel_card(request.chat.id, request.reply_to, sent, key)


def failure_text(exc: Exception, labels: Translator = ENGLISH) -> str:
    """The reader's text for a failure; logs it (unexpected ones with their traceback)."""
    if isinstance(exc, GistError):
        log.info("summary failed: %s: %s", type(exc).__name__, exc)
        return exc.message_for(labels.language)
    log.error("summary failed unexpectedly", exc_info=exc)
    return labels.gettext(msg.GENERIC_SORRY)


def retry_markup(retry_id: int, labels: Translator) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(labels.gettext(msg.RETRY_BUTTON), callback_data=f"r:{retry_id}")
    return InlineKeyboardMarkup([[button]])


async def _point_to(
    context: Context, request: Request, part: int, earlier: int, labels: Translator
) -> None:
    link = message_link(request.chat, earlier)
    if link is None:  # a basic group has no message links: thread the note to the earlier card
        note = labels.gettext(msg.REPEAT_HERE)
        reply_to = earlier
    else:
        href = html.escape(link)
        note = labels.gettext(msg.REPEAT_LINK, href=href)
        reply_to = request.reply_to
    async with _one_at_a_time(context, request.chat):
        message = await _send_html(context.bot, request.chat, reply_to, note)
        await _record(context, request, part, message.message_id)


def message_link(chat: Chat, message_id: int) -> str | None:
    """A t.me link to a message: public chats by name, supergroups and channels by t.me/c/<id>."""
    if chat.username:
        return f"https://t.me/{chat.username}/{message_id}"
    if str(chat.id).startswith("-100"):
        return f"https://t.me/c/{str(chat.id)[4:]}/{message_id}"
    return None


async def _send(
    context: Context,
    request: Request,
    part: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> int:
    async with _one_at_a_time(context, request.chat):  # recorded before the next reply goes out
        message = await _send_html(context.bot, request.chat, request.reply_to, text, markup)
        await _record(context, request, part, message.message_id)
    return message.message_id


def _one_at_a_time(context: Context, chat: Chat) -> AbstractAsyncContextManager[object]:
    """The lock that makes private replies go out one at a time, each recorded before the next.
    Groups and channels are left out: Telegram's 20-a-minute limit there makes the rate limiter
    wait inside a send, which would hold up every other chat."""
    if chat.id > 0:
        return journal_of(context).send_lock
    return nullcontext()


async def _send_html(
    bot: ExtBot[None],
    chat: Chat,
    reply_to: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send HTML threaded to `reply_to`; if Telegram rejects the markup, send the words plain."""
    options = {
        "chat_id": chat.id,
        "reply_parameters": ReplyParameters(reply_to, allow_sending_without_reply=True),
        "link_preview_options": LinkPreviewOptions(is_disabled=chat.type != ChatType.PRIVATE),
        "disable_notification": chat.type == ChatType.CHANNEL,  # a card must not ping subscribers
        "reply_markup": markup,
    }
    try:
        return await bot.send_message(text=text, parse_mode=ParseMode.HTML, **options)  # type: ignore[arg-type]
    except BadRequest as exc:
        if "parse entities" not in exc.message.lower():
            raise
        log.warning("HTML rejected (%s); sending the card as plain text", exc.message)
        return await bot.send_message(text=plain_text(text), **options)  # type: ignore[arg-type]


async def edit_html(
    bot: ExtBot[None],
    chat: Chat,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace a message's text (a Retry that worked, an edited post); same plain fallback."""
    options = {
        "chat_id": chat.id,
        "message_id": message_id,
        "link_preview_options": LinkPreviewOptions(is_disabled=chat.type != ChatType.PRIVATE),
        "reply_markup": markup,
    }
    try:
        try:
            await bot.edit_message_text(text=text, parse_mode=ParseMode.HTML, **options)  # type: ignore[arg-type]
        except BadRequest as exc:
            if "parse entities" not in exc.message.lower():
                raise
            await bot.edit_message_text(text=plain_text(text), **options)  # type: ignore[arg-type]
    except BadRequest as exc:
        reason = exc.message.lower()
        if "not modified" in reason:  # the same text again is not a failure
            return
        if "not found" in reason or "can't be edited" in reason:
            # The message was deleted (or never was ours): nothing left to update.
            log.info("could not edit message %s in chat %s: %s", message_id, chat.id, exc.message)
            return
        raise


def plain_text(markup: str) -> str:
    """The visible words of an HTML card."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup)).strip() or "…"
