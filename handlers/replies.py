"""One request -> one threaded reply per job: repeats, auto-mode filters, failures with Retry.

Every reply is recorded in the store under (update id, part) the moment Telegram accepts it,
and a part that already has a reply is skipped: an update processed again after a crash
re-sends nothing.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
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

from bot.chats import ChatSettings
from bot.errors import GistError, RateLimitedError
from bot.i18n import messages as msg
from bot.i18n import translator
from bot.models import UrlSource
from bot.urls import in_domains
from handlers.cards import HtmlDocument, Job, job_key, make_card
from handlers.context import Context

log = logging.getLogger(__name__)
# Until these replies know their reader (the service split), they speak the catalogue's English.
ENGLISH = translator("en")
GENERIC_SORRY = ENGLISH.gettext(msg.GENERIC_SORRY)
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


@dataclass(frozen=True, slots=True)
class Request:
    """Who asked, where, which message the replies thread to; `explicit` is False in auto mode."""

    update_id: int
    chat: Chat
    reply_to: int
    user_id: int | None
    explicit: bool


def request_for(update: Update, message: Message, *, explicit: bool) -> Request:
    user_id = update.effective_user.id if update.effective_user else None
    return Request(update.update_id, message.chat, message.message_id, user_id, explicit=explicit)


async def answer(context: Context, request: Request, jobs: Sequence[Job]) -> None:
    """A card (or a short reason) for each job, up to the per-message cap."""
    services = context.bot_data.services
    settings = await services.store.chat_settings(request.chat.id)
    for part, job in enumerate(jobs[: services.settings.max_links_per_message]):
        if await services.store.reply_for(request.update_id, part) is None:
            await _answer_one(context, request, part, job, settings)


async def reply_text(
    context: Context,
    request: Request,
    part: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A short HTML note threaded to the request, sent at most once."""
    if await context.bot_data.services.store.reply_for(request.update_id, part) is None:
        await _send(context, request, part, text, markup)


async def _answer_one(
    context: Context, request: Request, part: int, job: Job, chat: ChatSettings
) -> None:
    services = context.bot_data.services
    if (
        not request.explicit
        and isinstance(job, UrlSource)
        and in_domains(job.url, chat.skip_domains)
    ):
        return
    key = job_key(job)
    if request.chat.type in GROUPS:
        window = services.settings.repeat_window_seconds
        earlier = await services.store.seen_url(request.chat.id, key, window)
        if earlier is not None:
            await _point_to(context, request, part, earlier)
            return
    try:
        services.limits.check(request.user_id, request.chat.id)
        card = await make_card(services, context.bot, job, chat.options(), request.chat)
    except Exception as exc:  # every failure becomes a short reply (or silence in auto mode)
        await _fail(context, request, part, job, exc)
        return
    if not request.explicit and card.words < chat.min_words:
        return
    sent = await _send(context, request, part, card.html)
    if request.chat.type in GROUPS:
        await services.store.remember_url(request.chat.id, key, sent)
    if request.chat.type == ChatType.CHANNEL and part == 0:
        await services.store.save_channel_card(request.chat.id, request.reply_to, sent, key)


async def _fail(context: Context, request: Request, part: int, job: Job, exc: Exception) -> None:
    services = context.bot_data.services
    text = failure_text(exc)
    if not request.explicit:
        return  # auto mode stays quiet about links nobody asked about
    if isinstance(exc, RateLimitedError) and not services.limits.should_warn(request.chat.id):
        return  # one warning a minute; answering every flood message would amplify the flood
    markup = (
        None
        if isinstance(job, HtmlDocument)
        else retry_markup(await services.store.save_retry(job))
    )
    await _send(context, request, part, html.escape(text), markup)


def failure_text(exc: Exception) -> str:
    """The user's text for a failure; logs it (unexpected ones with their traceback)."""
    if isinstance(exc, GistError):
        log.info("summary failed: %s: %s", type(exc).__name__, exc)
        return exc.user_message
    log.error("summary failed unexpectedly", exc_info=exc)
    return GENERIC_SORRY


def retry_markup(retry_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(ENGLISH.gettext(msg.RETRY_BUTTON), callback_data=f"r:{retry_id}")]]
    )


async def _point_to(context: Context, request: Request, part: int, earlier: int) -> None:
    link = message_link(request.chat, earlier)
    if link is None:  # a basic group has no message links: thread the note to the earlier card
        note = ENGLISH.gettext(msg.REPEAT_HERE)
        reply_to = earlier
    else:
        href = html.escape(link)
        note = ENGLISH.gettext(msg.REPEAT_LINK, href=href)
        reply_to = request.reply_to
    message = await _send_html(context.bot, request.chat, reply_to, note)
    await context.bot_data.services.store.record_reply(
        request.update_id, part, request.chat.id, message.message_id
    )


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
    message = await _send_html(context.bot, request.chat, request.reply_to, text, markup)
    await context.bot_data.services.store.record_reply(
        request.update_id, part, request.chat.id, message.message_id
    )
    return message.message_id


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
