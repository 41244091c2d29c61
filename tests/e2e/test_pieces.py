"""A long paste that Telegram split into several messages gets one card, across a crash too."""

from __future__ import annotations

from pathlib import Path

from bot.chats import ChatSettings
from bot.models import TextSource
from bot.service import cache_key
from bot.workers import ProcessWorkers
from handlers.pieces import join
from tests.e2e.harness import TOKEN, make_settings, running, until_finished
from tests.e2e.process import BotProcess
from tests.factories import page, split_like_telegram
from tests.fakes.bot_api import FakeBotAPI

USER = 1201


async def test_9000_character_paste_in_3_messages_gets_one_card(
    api: FakeBotAPI, tmp_path: Path, pool: ProcessWorkers
) -> None:
    """A 9,000-character page sent as 3 messages is summarized once, as one card replying to the
    first piece; the card is of the whole page (its cache entry is the joined text's)."""
    pieces = split_like_telegram(page(9000))
    assert len(pieces) == 3
    # 5 s: the pieces reach the handlers within milliseconds, but at load 10 on a shared machine
    # (PostgreSQL store) 2 s between two of them was seen.
    settings = make_settings(api, tmp_path, paste_window_seconds=5.0)
    async with running(settings, pool) as bot:
        chat = api.chat(USER)
        messages = [api.send_text(chat, piece) for piece in pieces]
        for update_id in range(api.last_update_id - 2, api.last_update_id + 1):
            await until_finished(bot, update_id)
        [card] = api.sent
        assert card.reply_to == messages[0]["message_id"]
        assert "•" in card.text
        assert bot.bot_data.service is not None
        key = cache_key(TextSource(join(pieces)), ChatSettings().options())
        assert await bot.bot_data.service.store.cached_card(key, 3600) is not None


async def test_a_single_long_message_still_gets_its_card(
    api: FakeBotAPI, tmp_path: Path, pool: ProcessWorkers
) -> None:
    """A 3,500-character paste that fits in one message gets its card after the window."""
    settings = make_settings(api, tmp_path, paste_window_seconds=0.2)
    async with running(settings, pool) as bot:
        message = api.send_text(api.chat(USER), page(3500))
        await until_finished(bot, api.last_update_id)
        [card] = api.sent
        assert card.reply_to == message["message_id"]


async def test_pieces_across_a_crash_give_one_card(api: FakeBotAPI, tmp_path: Path) -> None:
    """Two pieces journaled, the bot killed (-9) before the third: after the restart the replayed
    pieces and the third form one paste, answered by one card to the first piece."""
    pieces = split_like_telegram(page(9000))
    chat = api.chat(USER)
    first_two = [api.send_text(chat, piece) for piece in pieces[:2]]
    crashed = BotProcess(api.base_url, TOKEN, tmp_path, PASTE_WINDOW_SECONDS="60").start()
    try:  # Telegram was told both arrived (the offset passed them): they are in the journal
        await api.wait_until(lambda: api.confirmed > api.last_update_id, within=120)
    finally:
        await crashed.kill()
    assert api.sent == []
    api.send_text(chat, pieces[2])  # waiting for the restart; a wide window absorbs a slow start
    restarted = BotProcess(api.base_url, TOKEN, tmp_path, PASTE_WINDOW_SECONDS="10").start()
    try:
        await api.wait_until(lambda: api.sent, within=120)
    finally:
        assert await restarted.stop() == 0
    assert len(api.sent) == 1, [(s.reply_to, s.text[:80]) for s in api.sent]  # what went wrong
    [card] = api.sent
    assert card.reply_to == first_two[0]["message_id"]
    assert "replaying 2 updates" in restarted.log
