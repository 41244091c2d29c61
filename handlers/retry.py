"""Retry under a failure: run the same source again; on success the note becomes the card."""

from __future__ import annotations

import contextlib
import html

from telegram import Message, Update
from telegram.error import BadRequest

from bot.i18n import messages as msg
from bot.models import Source
from bot.service import retry_helps
from handlers.context import Context
from handlers.language import reader
from handlers.progress import typing
from handlers.replies import edit_html, failure_text, retry_markup


def _retry_id(data: str) -> int | None:
    """The id in a Retry button's data; None for data no button of ours carries."""
    digits = data.removeprefix("r:")
    if not (digits.isascii() and digits.isdigit()) or int(digits) >= 2**63:
        return None
    return int(digits)


async def _stored_source(context: Context, retry_id: int | None) -> Source | None:
    """The source stored for `retry_id`; None when there is none (pruned, forged, unreadable)."""
    if retry_id is None:
        return None
    try:
        return await context.service.store.load_retry(retry_id)
    except (ValueError, KeyError, TypeError):  # a stored row we cannot read back
        return None


async def retry(update: Update, context: Context) -> None:
    """Re-run the stored source of this Retry button and edit the note in place."""
    query = update.callback_query
    assert query is not None  # the pattern matched a callback query
    assert query.data is not None
    message = query.message
    svc = context.service
    retry_id = _retry_id(query.data)
    source = await _stored_source(context, retry_id)
    if (
        retry_id is None or source is None or not isinstance(message, Message)
    ):  # forged, pruned or too old
        with contextlib.suppress(BadRequest):
            await query.answer(reader(update).gettext(msg.BUTTON_EXPIRED), show_alert=True)
        return
    with contextlib.suppress(BadRequest):  # an old query can't be answered; retrying still helps
        await query.answer(reader(update).gettext(msg.TRYING_AGAIN))
    settings = await svc.store.chat_settings(message.chat.id)
    try:
        svc.limits.check(query.from_user.id, message.chat.id)
        progress = lambda: typing(context.bot, message.chat, svc.settings.typing_delay)  # noqa: E731
        card = await svc.card(source, settings.options(), progress)
    except Exception as exc:  # still failing: say why, keep the button if it can still help
        labels = reader(update, settings)
        note = html.escape(failure_text(exc, labels))
        markup = retry_markup(retry_id, labels) if retry_helps(exc) else None
        await edit_html(context.bot, message.chat, message.message_id, note, markup)
        return
    await edit_html(context.bot, message.chat, message.message_id, card.html)
