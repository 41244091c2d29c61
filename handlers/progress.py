"""The "typing…" sign while a card is being made (not in channels, where nobody sees it)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from telegram import Chat
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import ExtBot

TYPING_EVERY = 4.5  # seconds; Telegram shows a chat action for 5 s, so renew it just before


@contextlib.asynccontextmanager
async def typing(bot: ExtBot[None], chat: Chat, delay: float) -> AsyncIterator[None]:
    """Show "typing" while the body runs, from `delay` seconds on (0: right away)."""
    if chat.type == ChatType.CHANNEL:
        yield
        return
    if delay == 0:  # the first action goes out before the work starts (tests rely on seeing it)
        await _chat_action(bot, chat.id)
    task = asyncio.create_task(_keep_typing(bot, chat.id, delay or TYPING_EVERY, first=delay > 0))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _keep_typing(bot: ExtBot[None], chat_id: int, delay: float, *, first: bool) -> None:
    # A quick answer needs no indicator; skipping it saves a request of the bot's 30/s budget.
    await asyncio.sleep(delay if first else TYPING_EVERY)
    while True:
        await _chat_action(bot, chat_id)
        await asyncio.sleep(TYPING_EVERY)


async def _chat_action(bot: ExtBot[None], chat_id: int) -> None:
    with contextlib.suppress(TelegramError):  # the indicator is cosmetic; never fail the job for it
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
