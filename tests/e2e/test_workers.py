"""A running bot after its CPU worker is killed (what the out-of-memory killer does)."""

from __future__ import annotations

import os
import signal

from bot.app import App
from bot.workers import ProcessWorkers
from tests.fakes.articles import ArticleServer
from tests.fakes.bot_api import FakeBotAPI

USER = 1701


async def test_next_link_after_a_killed_worker_gets_its_card(
    api: FakeBotAPI, pages: ArticleServer, bot: App, pool: ProcessWorkers
) -> None:
    """Kill -9 of the worker between links: the next link still gets its card, not "Sorry"."""
    first = api.send_text(api.chat(USER), pages.url("before-kill"))
    await api.wait_for(lambda: api.replies_to(USER, first["message_id"]))
    for pid in pool.pids:
        os.kill(pid, signal.SIGKILL)
    after = [api.send_text(api.chat(USER + i), pages.url(f"after-kill-{i}")) for i in range(1, 4)]
    for i, message in enumerate(after, 1):
        await api.wait_for(lambda m=message, c=USER + i: api.replies_to(c, m["message_id"]))
        [card] = api.replies_to(USER + i, message["message_id"])
        assert "Harbour" in card.text
        assert "Sorry" not in card.text
