"""Load and abuse: 429 storms are waited out, a full queue says busy, floods are rate limited."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App
from bot.workers import Workers
from tests.e2e.harness import make_settings, running, until_finished
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI


async def test_429_storm_answers_everything_once(
    api: FakeBotAPI, pages: ArticleServer, bot: App
) -> None:
    """With sendMessage answering 429 four times, all twelve links still get exactly one card."""
    api.fail_next("sendMessage", 4, retry_after=1)
    messages = [api.send_text(api.chat(3000 + i), pages.url(f"storm{i}")) for i in range(12)]
    last = api.last_update_id
    await until_finished(bot, last, within=120)
    for update_id in range(last - 11, last + 1):
        await until_finished(bot, update_id)
    assert [len(api.replies_to(m["chat"]["id"], m["message_id"])) for m in messages] == [1] * 12
    assert len(api.calls_of("sendMessage")) == 12 + 4


@pytest.fixture
async def tight_bot(
    api: FakeBotAPI, pages: ArticleServer, tmp_path: Path, pool: Workers
) -> AsyncIterator[App]:
    settings = make_settings(
        api, tmp_path, max_queued_jobs=1, max_waiting_jobs=0, user_rate_per_minute=1
    )
    async with running(settings, pool) as app:
        yield app


async def test_full_queue_answers_busy(
    api: FakeBotAPI, pages: ArticleServer, tight_bot: App
) -> None:
    """While the only job slot is taken, a second link gets "busy" with Retry instead of waiting."""
    slow = api.send_text(api.chat(4001), pages.slow_url("slow"))
    await api.wait_until(lambda: pages.slow_waiting == 1)
    other = api.send_text(api.chat(4002), pages.url("other"))
    await api.wait_for(lambda: api.replies_to(4002, other["message_id"]))
    [busy] = api.replies_to(4002, other["message_id"])
    assert "busy" in busy.text
    assert busy.buttons
    pages.slow_gate.set()
    await api.wait_for(lambda: api.replies_to(4001, slow["message_id"]))
    assert "Harbour" in api.replies_to(4001, slow["message_id"])[0].text


async def test_user_flood_is_rate_limited(
    api: FakeBotAPI, pages: ArticleServer, tight_bot: App
) -> None:
    """Past its per-minute budget a user's next link is refused politely, and only warned once."""
    chat = api.chat(4100)
    first = api.send_text(chat, pages.url("f1"))
    await api.wait_for(lambda: api.replies_to(4100, first["message_id"]))
    second = api.send_text(chat, pages.url("f2"))
    await api.wait_for(lambda: api.replies_to(4100, second["message_id"]))
    assert "wait a minute" in api.replies_to(4100, second["message_id"])[0].text
    third = api.send_text(chat, pages.url("f3"))
    await until_finished(tight_bot, api.last_update_id)
    assert api.replies_to(4100, third["message_id"]) == []
    assert pages.hits == {"f1": 1}
