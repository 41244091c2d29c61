"""Inline mode: `@bot <url>` in any chat offers one article result whose message is the card.

A cached card is offered at once; a fresh page is read within `INLINE_DEADLINE` seconds, else the
result says the page is still being read (the work goes on and caches the card, so the same query a
few seconds later offers it). The reader's settings are those of their private chat with the bot.
"""

from __future__ import annotations

import asyncio
import hashlib
import html

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.i18n import Translator
from bot.i18n import messages as msg
from bot.models import UrlSource
from bot.service import Service, cache_key
from bot.storage import CachedCard
from handlers import sources
from handlers.context import Context
from handlers.language import reader
from handlers.replies import failure_text, plain_text

# Telegram drops an inline query's answer that comes later than about 10 seconds after the query
# ("query is too old"); 7 s leaves room for the answer's own round trip.
INLINE_DEADLINE = 7.0
_BACKGROUND: set[asyncio.Task[CachedCard]] = set()  # cards still being made after the deadline


async def inline_query(update: Update, context: Context) -> None:
    """Answer `@bot <url>` with the card as an article result (nothing for a query without a URL)."""
    query = update.inline_query
    assert query is not None  # the handler only passes inline queries
    url = sources.command_url(query.query.split())
    if url is None:
        await query.answer([], cache_time=0, is_personal=True)
        return
    settings = await context.service.store.chat_settings(query.from_user.id)
    result = await card_result(
        context.service, UrlSource(url), query.from_user.id, reader(update, settings)
    )
    try:
        await query.answer([result], cache_time=0, is_personal=True)
    except BadRequest as exc:  # answered too late: the person has moved on
        if "query is too old" not in exc.message.lower():
            raise


async def card_result(
    svc: Service, source: UrlSource, user_id: int, labels: Translator
) -> InlineQueryResultArticle:
    """The card for `source` as an inline result, or a result that says why there is none yet."""
    settings = await svc.store.chat_settings(user_id)
    options = settings.options()
    result_id = hashlib.sha1(cache_key(source, options).encode(), usedforsecurity=False).hexdigest()
    try:
        svc.limits.check(user_id, user_id)
        task = asyncio.ensure_future(svc.card(source, options))
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)
        card = await asyncio.wait_for(asyncio.shield(task), timeout=INLINE_DEADLINE)
    except TimeoutError:
        return _note(
            "slow:" + result_id, labels.gettext(msg.INLINE_SLOW), labels.gettext(msg.INLINE_SLOW)
        )
    except Exception as exc:  # the reason, as the result's title and its message
        reason = failure_text(exc, labels)
        return _note("failed:" + result_id, reason, reason)
    lines = plain_text(card.html).splitlines()
    return InlineQueryResultArticle(
        id=result_id,
        title=lines[0][:100] if lines else source.url,
        description=" ".join(lines[1:3])[:200] or None,
        url=source.url,
        input_message_content=InputTextMessageContent(
            card.html,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def _note(result_id: str, title: str, text: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title[:100],
        input_message_content=InputTextMessageContent(html.escape(text), parse_mode=ParseMode.HTML),
    )
