"""Retry under a failure: run the same source again; on success the note becomes the card."""

from __future__ import annotations

import contextlib
import html

from telegram import Message, Update
from telegram.error import BadRequest

from bot.i18n import messages as msg
from bot.service import retry_helps
from handlers.context import Context
from handlers.language import reader
from handlers.progress import typing
from handlers.replies import edit_html, failure_text, retry_markup


async def retry(update: Update, context: Context) -> None:
    """Re-run the stored source of this Retry button and edit the note in place."""
    query = update.callback_query
    assert query is not None  # the pattern matched a callback query
    assert query.data is not None
    with contextlib.suppress(BadRequest):  # an old query can't be answered; retrying still helps
        await query.answer(reader(update).gettext(msg.TRYING_AGAIN))
    message = query.message
    svc = context.service
    retry_id = int(query.data.removeprefix("r:"))
    source = await svc.store.load_retry(retry_id)
    if source is None or not isinstance(message, Message):
        return
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
